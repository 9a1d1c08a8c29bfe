CREATE OR REPLACE TRANSIENT TABLE analytics.events_merge__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
),
latest AS (
  SELECT id, kind, amount, ts,
         row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS version
  FROM base_events
  WHERE ts > (SELECT max(ts) FROM analytics.events_merge)
)
SELECT id, kind, amount, ts FROM latest WHERE version = 1;
