ALTER TABLE analytics.sessions_by_day__shadow RENAME TO analytics.sessions_by_day;
