-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.kind_history__shadow AS s
SET valid_to = CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ)
FROM analytics.kind_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.kind = b.kind
  AND (s.total IS DISTINCT FROM b.total);
