-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.sessions_by_day__shadow AS
-- Sessions and active users per day and channel. Sessions arrive by day, so a run that adds to the published
-- table recomputes only the last day it holds (that day may have been partial) and the days after it.
SELECT CAST(ts AS DATE) AS day, channel, COUNT(*) AS sessions, COUNT(DISTINCT userId) AS users
FROM analytics.session_summary__shadow

GROUP BY CAST(ts AS DATE), channel;
