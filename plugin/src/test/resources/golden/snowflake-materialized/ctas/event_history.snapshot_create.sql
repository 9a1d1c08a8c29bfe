CREATE OR REPLACE TABLE analytics.event_history__shadow AS
SELECT b.*,
  CAST(b.ts AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow
) AS b;
