-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.kind_totals__shadow AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT kind, sum(amount) AS total, max(ts) AS last_ts
FROM base_events

GROUP BY kind;
