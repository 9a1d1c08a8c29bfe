SELECT * FROM analytics.event_history__shadow LIMIT 0;
