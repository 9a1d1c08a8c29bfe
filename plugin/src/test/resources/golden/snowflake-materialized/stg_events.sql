-- statement: ctas/stg_events.view_shadow.sql
CREATE OR REPLACE VIEW analytics.stg_events__shadow AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: swap/stg_events.publish_source_copy.events.sql
-- What published views read this source from, as this run checked it: the staging table is reloaded by the next
-- run before its checks, and readers of a view must not see rows before they passed. A zero-copy clone.
CREATE OR REPLACE TRANSIENT TABLE raw.events_table__published CLONE raw.events_table;
-- statement: swap/stg_events.create_view.sql
-- COPY GRANTS keeps what readers were granted on the view it replaces.
CREATE OR REPLACE VIEW analytics.stg_events COPY GRANTS AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table__published;
-- statement: swap/stg_events.drop_shadow.sql
DROP VIEW IF EXISTS analytics.stg_events__shadow;
