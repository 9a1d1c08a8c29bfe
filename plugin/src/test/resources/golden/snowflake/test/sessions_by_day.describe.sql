SELECT * FROM analytics.sessions_by_day__shadow LIMIT 0;
