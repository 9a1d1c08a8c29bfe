-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.kind_history__shadow (kind, total, valid_from, valid_to)
SELECT b.kind, b.total, CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ), NULL
FROM analytics.kind_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.kind_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.kind = b.kind
);
