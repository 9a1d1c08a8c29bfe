-- statement: ctas/stg_events.view_shadow.sql
CREATE OR REPLACE VIEW analytics.stg_events__shadow AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: swap/stg_events.create_view.sql
-- COPY GRANTS keeps what readers were granted on the view it replaces.
CREATE OR REPLACE VIEW analytics.stg_events COPY GRANTS AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: swap/stg_events.drop_shadow.sql
DROP VIEW IF EXISTS analytics.stg_events__shadow;
