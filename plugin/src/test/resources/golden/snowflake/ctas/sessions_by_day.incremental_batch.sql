CREATE OR REPLACE TRANSIENT TABLE analytics.sessions_by_day__batch AS
-- Sessions and active users per day and channel. Sessions arrive by day, so a run that adds to the published
-- table recomputes only the last day it holds (that day may have been partial) and the days after it.
SELECT CAST(ts AS DATE) AS day, channel, COUNT(*) AS sessions, COUNT(DISTINCT userId) AS users
FROM analytics.session_summary__shadow
WHERE CAST(ts AS DATE) >= (SELECT max(day) FROM analytics.sessions_by_day)
GROUP BY CAST(ts AS DATE), channel;
