-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.event_history__shadow (id, kind, amount, ts, valid_from, valid_to)
SELECT b.id, b.kind, b.amount, b.ts, CAST(b.ts AS TIMESTAMP_NTZ), NULL
FROM analytics.event_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.event_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.id = b.id
);
