-- COPY GRANTS keeps what readers were granted on the view it replaces.
CREATE OR REPLACE VIEW analytics.stg_events COPY GRANTS AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
