DROP TABLE IF EXISTS analytics.sessions_by_day__shadow;
