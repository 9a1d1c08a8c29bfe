ALTER TABLE analytics.event_history__shadow RENAME TO analytics.event_history;
