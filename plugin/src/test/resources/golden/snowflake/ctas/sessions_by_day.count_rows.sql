SELECT COUNT(*) FROM analytics.sessions_by_day__shadow;
