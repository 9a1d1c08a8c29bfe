CREATE OR REPLACE TRANSIENT TABLE analytics.kind_totals__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT kind, sum(amount) AS total, max(ts) AS last_ts
FROM base_events
WHERE kind IN (SELECT kind FROM base_events
                               WHERE ts > (SELECT max(last_ts) FROM analytics.kind_totals))
GROUP BY kind;
