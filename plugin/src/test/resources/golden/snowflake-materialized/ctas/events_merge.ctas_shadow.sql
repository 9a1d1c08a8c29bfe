-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.events_merge__shadow AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
),
latest AS (
  SELECT id, kind, amount, ts,
         row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS version
  FROM base_events
  
)
SELECT id, kind, amount, ts FROM latest WHERE version = 1;
