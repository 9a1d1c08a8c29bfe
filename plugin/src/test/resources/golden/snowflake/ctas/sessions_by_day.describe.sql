SELECT * FROM analytics.sessions_by_day LIMIT 0;
