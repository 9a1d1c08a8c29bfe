ALTER TABLE analytics.events_merge__shadow RENAME TO analytics.events_merge;
