-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, valid_from, COUNT(*) AS occurrences
FROM analytics.event_history__shadow
GROUP BY id, valid_from
HAVING COUNT(*) > 1 OR id IS NULL OR valid_from IS NULL;
