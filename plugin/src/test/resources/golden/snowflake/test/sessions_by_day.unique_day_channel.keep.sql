-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.sessions_by_day__unique_day_channel AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT day, channel, COUNT(*) AS occurrences
FROM analytics.sessions_by_day__shadow
GROUP BY day, channel
HAVING COUNT(*) > 1 OR day IS NULL OR channel IS NULL;
