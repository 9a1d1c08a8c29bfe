INSERT INTO analytics.sessions_by_day__shadow (day, channel, sessions, users)
SELECT day, channel, sessions, users FROM analytics.sessions_by_day__batch;
