-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.event_history__shadow AS s
SET valid_to = CAST(b.ts AS TIMESTAMP_NTZ)
FROM analytics.event_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.id = b.id
  AND (b.ts > s.ts);
