-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__no_duplicate_rows AS
-- Failing rows: every distinct row that occurs more than once, with its number of copies.
SELECT *, COUNT(*) AS copies
FROM analytics.session_summary__shadow
GROUP BY ALL
HAVING COUNT(*) > 1;
