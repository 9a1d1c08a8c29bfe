-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.events_merge__unique_id AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, COUNT(*) AS occurrences
FROM analytics.events_merge__shadow
GROUP BY id
HAVING COUNT(*) > 1 OR id IS NULL;
