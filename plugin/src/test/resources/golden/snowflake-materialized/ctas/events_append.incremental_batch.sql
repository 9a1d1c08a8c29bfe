CREATE OR REPLACE TRANSIENT TABLE analytics.events_append__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT id, kind, amount, ts
FROM base_events
WHERE ts > (SELECT max(ts) FROM analytics.events_append);
