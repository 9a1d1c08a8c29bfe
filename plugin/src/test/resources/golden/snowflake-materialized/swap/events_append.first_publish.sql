ALTER TABLE analytics.events_append__shadow RENAME TO analytics.events_append;
