CREATE OR REPLACE TABLE analytics.kind_history__shadow AS
SELECT b.*,
  CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT kind, total FROM analytics.kind_totals__shadow
) AS b;
