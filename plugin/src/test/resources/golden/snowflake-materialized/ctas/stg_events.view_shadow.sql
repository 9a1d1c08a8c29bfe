CREATE OR REPLACE VIEW analytics.stg_events__shadow AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
