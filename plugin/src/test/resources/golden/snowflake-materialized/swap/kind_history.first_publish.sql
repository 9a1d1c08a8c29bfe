ALTER TABLE analytics.kind_history__shadow RENAME TO analytics.kind_history;
