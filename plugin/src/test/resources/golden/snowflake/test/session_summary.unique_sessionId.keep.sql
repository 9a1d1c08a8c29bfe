-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__unique_sessionId AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT sessionId, COUNT(*) AS occurrences
FROM analytics.session_summary__shadow
GROUP BY sessionId
HAVING COUNT(*) > 1 OR sessionId IS NULL;
