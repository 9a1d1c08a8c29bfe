-- statement: ctas/events_append.describe.sql
SELECT * FROM analytics.events_append LIMIT 0;
-- statement: ctas/events_append.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.events_append__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT id, kind, amount, ts
FROM base_events
WHERE ts > (SELECT max(ts) FROM analytics.events_append);
-- statement: ctas/events_append.count_rows.sql
SELECT COUNT(*) FROM analytics.events_append__batch;
-- statement: ctas/events_append.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.events_append__shadow CLONE analytics.events_append;
-- statement: ctas/events_append.incremental_append.sql
INSERT INTO analytics.events_append__shadow (id, kind, amount, ts)
SELECT id, kind, amount, ts FROM analytics.events_append__batch;
-- statement: ctas/events_append.count_rows.sql
SELECT COUNT(*) FROM analytics.events_append__shadow;
-- statement: ctas/events_append.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('events_append__batch');
-- statement: ctas/events_append.drop_table.sql
DROP TABLE IF EXISTS analytics.events_append__batch;
-- statement: ctas/events_append.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.events_append__shadow AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT id, kind, amount, ts
FROM base_events;
-- statement: ctas/events_append.count_rows.sql
SELECT COUNT(*) FROM analytics.events_append__shadow;
-- statement: swap/events_append.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.events_append SELECT * FROM analytics.events_append__shadow;
-- statement: swap/events_append.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_append__shadow IS 'session-run <id of the run>';
-- statement: swap/events_append.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_append SWAP WITH analytics.events_append__shadow;
-- statement: swap/events_append.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_append__shadow IS 'session-run <id of the run>';
-- statement: swap/events_append.first_publish.sql
ALTER TABLE analytics.events_append__shadow RENAME TO analytics.events_append;
-- statement: swap/events_append.drop_shadow.sql
DROP TABLE IF EXISTS analytics.events_append__shadow;
-- statement: swap/events_append.drop_previous.sql
DROP TABLE IF EXISTS analytics.events_append__shadow;
