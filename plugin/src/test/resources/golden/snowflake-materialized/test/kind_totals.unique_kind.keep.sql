-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.kind_totals__unique_kind AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT kind, COUNT(*) AS occurrences
FROM analytics.kind_totals__shadow
GROUP BY kind
HAVING COUNT(*) > 1 OR kind IS NULL;
