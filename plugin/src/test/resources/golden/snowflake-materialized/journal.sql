-- statement: setup/raw.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('raw');
-- statement: setup/raw.create_schema.sql
CREATE SCHEMA IF NOT EXISTS raw;
-- statement: setup/analytics.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('analytics');
-- statement: setup/analytics.create_schema.sql
CREATE SCHEMA IF NOT EXISTS analytics;
-- statement: setup/audit.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('audit');
-- statement: setup/audit.create_schema.sql
CREATE SCHEMA IF NOT EXISTS audit;
-- statement: setup/session_meta.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('session_meta');
-- statement: setup/session_meta.create_schema.sql
CREATE SCHEMA IF NOT EXISTS session_meta;
-- statement: meta/shadows.ledger_create.sql
CREATE TABLE IF NOT EXISTS session_meta.shadows (model VARCHAR PRIMARY KEY, fingerprint VARCHAR, built_at TIMESTAMP_NTZ, checked_at TIMESTAMP_NTZ, checks_passed BOOLEAN);
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/source.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'source';
-- statement: meta/events.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('source:events', 'extents:events');
-- statement: stage/events.create_staging_table.sql
-- A new table each run: no stale load metadata, so COPY never skips a file it saw before. TRANSIENT: it is
-- rebuilt from the files every run, so Fail-safe storage would only cost.
CREATE OR REPLACE TRANSIENT TABLE raw.events_table (id INTEGER, kind VARCHAR, amount INTEGER, ts TIMESTAMP_NTZ);
-- statement: stage/events.create_stage.sql
-- External stage on the files' S3 folder, replaced every run so it always points where the descriptor (or
-- -Dsession.sources) says; a public bucket needs neither integration nor credentials.
CREATE OR REPLACE STAGE raw.events_stage
  URL = 's3://shop-data/exports/';
-- statement: stage/events.header_format.sql
-- The same CSV options without skipping the header, to read the header line through the stage.
CREATE OR REPLACE FILE FORMAT raw.events_header TYPE = CSV SKIP_HEADER = 0 FIELD_DELIMITER = ','
  FIELD_OPTIONALLY_ENCLOSED_BY = '"' ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE;
-- statement: stage/events.read_header.sql
-- The file's first line as Snowflake reads it, compared with the declared columns before COPY loads by position.
SELECT t.$1 AS c1, t.$2 AS c2, t.$3 AS c3, t.$4 AS c4, t.$5 AS c5
FROM @raw.events_stage/events.csv (FILE_FORMAT => 'raw.events_header') t
LIMIT 1;
-- statement: stage/events.load_csv.sql
-- Run as a query: one result row per file (status, rows parsed/loaded, first error with line and column).
-- ESCAPE_UNENCLOSED_FIELD = NONE: a backslash in an unquoted field is data, as DuckDB reads it (the default would
-- drop it and escape the next character).
COPY INTO raw.events_table
  FROM @raw.events_stage
  FILES = ('events.csv')
  FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_DELIMITER = ',' FIELD_OPTIONALLY_ENCLOSED_BY = '"'
                 NULL_IF = ('')
                 ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE)
  ON_ERROR = ABORT_STATEMENT;
-- statement: ctas/events.table_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('raw') AND TABLE_NAME = UPPER('events_table');
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/source.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'source';
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/model.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'model';
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/definition.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'definition';
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('events_merge', 'event_history', 'stg_events', 'events_append', 'kind_totals', 'kind_history');
-- statement: ctas/stg_events.view_shadow.sql
CREATE OR REPLACE VIEW analytics.stg_events__shadow AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: ctas/events_merge.describe.sql
SELECT * FROM analytics.events_merge LIMIT 0;
-- statement: ctas/events_merge.incremental_batch.sql
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
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__batch;
-- statement: ctas/events_merge.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.events_merge__shadow CLONE analytics.events_merge;
-- statement: ctas/events_merge.incremental_merge.sql
-- Rows whose key is in the batch take the batch's values; new keys are added. A key twice in the batch fails.
MERGE INTO analytics.events_merge__shadow AS t
USING analytics.events_merge__batch AS b
ON t.id = b.id
WHEN MATCHED THEN UPDATE SET id = b.id, kind = b.kind, amount = b.amount, ts = b.ts
WHEN NOT MATCHED THEN INSERT (id, kind, amount, ts)
VALUES (b.id, b.kind, b.amount, b.ts);
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__shadow;
-- statement: ctas/events_merge.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('events_merge__batch');
-- statement: ctas/events_merge.drop_table.sql
DROP TABLE IF EXISTS analytics.events_merge__batch;
-- statement: ctas/events_merge.ctas_shadow.sql
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
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__shadow;
-- statement: ctas/kind_totals.describe.sql
SELECT * FROM analytics.kind_totals LIMIT 0;
-- statement: ctas/kind_totals.incremental_batch.sql
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
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__batch;
-- statement: ctas/kind_totals.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.kind_totals__shadow CLONE analytics.kind_totals;
-- statement: ctas/kind_totals.incremental_delete_insert.sql
-- Every row whose key is in the batch goes; the batch's rows are then inserted (incremental_append).
DELETE FROM analytics.kind_totals__shadow
USING analytics.kind_totals__batch AS b
WHERE analytics.kind_totals__shadow.kind = b.kind;
-- statement: ctas/kind_totals.incremental_append.sql
INSERT INTO analytics.kind_totals__shadow (kind, total, last_ts)
SELECT kind, total, last_ts FROM analytics.kind_totals__batch;
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__shadow;
-- statement: ctas/kind_totals.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('kind_totals__batch');
-- statement: ctas/kind_totals.drop_table.sql
DROP TABLE IF EXISTS analytics.kind_totals__batch;
-- statement: ctas/kind_totals.ctas_shadow.sql
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
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__shadow;
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
-- statement: ctas/event_history.snapshot_create.sql
CREATE OR REPLACE TABLE analytics.event_history__shadow AS
SELECT b.*,
  CAST(b.ts AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow
) AS b;
-- statement: ctas/event_history.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.event_history__batch AS
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow;
-- statement: ctas/event_history.describe.sql
SELECT * FROM analytics.event_history__batch LIMIT 0;
-- statement: ctas/event_history.describe.sql
SELECT * FROM analytics.event_history LIMIT 0;
-- statement: ctas/event_history.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.event_history__shadow CLONE analytics.event_history;
-- statement: ctas/event_history.count_rows.sql
SELECT COUNT(*) FROM analytics.event_history__shadow;
-- statement: ctas/event_history.snapshot_close.sql
-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.event_history__shadow AS s
SET valid_to = CAST(b.ts AS TIMESTAMP_NTZ)
FROM analytics.event_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.id = b.id
  AND (b.ts > s.ts);
-- statement: ctas/event_history.snapshot_insert.sql
-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.event_history__shadow (id, kind, amount, ts, valid_from, valid_to)
SELECT b.id, b.kind, b.amount, b.ts, CAST(b.ts AS TIMESTAMP_NTZ), NULL
FROM analytics.event_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.event_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.id = b.id
);
-- statement: ctas/event_history.count_rows.sql
SELECT COUNT(*) FROM analytics.event_history__shadow;
-- statement: ctas/event_history.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('event_history__batch');
-- statement: ctas/event_history.drop_table.sql
DROP TABLE IF EXISTS analytics.event_history__batch;
-- statement: ctas/kind_history.snapshot_create.sql
CREATE OR REPLACE TABLE analytics.kind_history__shadow AS
SELECT b.*,
  CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT kind, total FROM analytics.kind_totals__shadow
) AS b;
-- statement: ctas/kind_history.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.kind_history__batch AS
SELECT kind, total FROM analytics.kind_totals__shadow;
-- statement: ctas/kind_history.describe.sql
SELECT * FROM analytics.kind_history__batch LIMIT 0;
-- statement: ctas/kind_history.describe.sql
SELECT * FROM analytics.kind_history LIMIT 0;
-- statement: ctas/kind_history.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.kind_history__shadow CLONE analytics.kind_history;
-- statement: ctas/kind_history.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_history__shadow;
-- statement: ctas/kind_history.snapshot_close.sql
-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.kind_history__shadow AS s
SET valid_to = CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ)
FROM analytics.kind_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.kind = b.kind
  AND (s.total IS DISTINCT FROM b.total);
-- statement: ctas/kind_history.snapshot_insert.sql
-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.kind_history__shadow (kind, total, valid_from, valid_to)
SELECT b.kind, b.total, CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ), NULL
FROM analytics.kind_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.kind_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.kind = b.kind
);
-- statement: ctas/kind_history.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_history__shadow;
-- statement: ctas/kind_history.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('kind_history__batch');
-- statement: ctas/kind_history.drop_table.sql
DROP TABLE IF EXISTS analytics.kind_history__batch;
-- statement: meta/shadows.ledger_built.sql
MERGE INTO session_meta.shadows AS l
USING (
SELECT 'stg_events' AS model, NULL AS fingerprint UNION ALL
SELECT 'events_merge' AS model, NULL AS fingerprint UNION ALL
SELECT 'kind_totals' AS model, NULL AS fingerprint UNION ALL
SELECT 'events_append' AS model, NULL AS fingerprint UNION ALL
SELECT 'event_history' AS model, NULL AS fingerprint UNION ALL
SELECT 'kind_history' AS model, NULL AS fingerprint
) AS s ON l.model = s.model
WHEN MATCHED THEN UPDATE SET fingerprint = s.fingerprint, built_at = CURRENT_TIMESTAMP(), checked_at = NULL, checks_passed = NULL
WHEN NOT MATCHED THEN INSERT (model, fingerprint, built_at) VALUES (s.model, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: test/events_merge.describe.sql
SELECT * FROM analytics.events_merge__shadow LIMIT 0;
-- statement: test/events_merge.unique_id.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.events_merge__unique_id AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, COUNT(*) AS occurrences
FROM analytics.events_merge__shadow
GROUP BY id
HAVING COUNT(*) > 1 OR id IS NULL;
-- statement: test/events_merge.unique_id.count.sql
SELECT COUNT(*) FROM audit.events_merge__unique_id;
-- statement: test/events_merge.unique_id.sample.sql
SELECT * FROM audit.events_merge__unique_id LIMIT 5;
-- statement: test/kind_totals.describe.sql
SELECT * FROM analytics.kind_totals__shadow LIMIT 0;
-- statement: test/kind_totals.unique_kind.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.kind_totals__unique_kind AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT kind, COUNT(*) AS occurrences
FROM analytics.kind_totals__shadow
GROUP BY kind
HAVING COUNT(*) > 1 OR kind IS NULL;
-- statement: test/kind_totals.unique_kind.count.sql
SELECT COUNT(*) FROM audit.kind_totals__unique_kind;
-- statement: test/kind_totals.unique_kind.sample.sql
SELECT * FROM audit.kind_totals__unique_kind LIMIT 5;
-- statement: test/event_history.describe.sql
SELECT * FROM analytics.event_history__shadow LIMIT 0;
-- statement: test/event_history.unique_id_valid_from.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.event_history__unique_id_valid_from AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, valid_from, COUNT(*) AS occurrences
FROM analytics.event_history__shadow
GROUP BY id, valid_from
HAVING COUNT(*) > 1 OR id IS NULL OR valid_from IS NULL;
-- statement: test/event_history.unique_id_valid_from.count.sql
SELECT COUNT(*) FROM audit.event_history__unique_id_valid_from;
-- statement: test/event_history.unique_id_valid_from.sample.sql
SELECT * FROM audit.event_history__unique_id_valid_from LIMIT 5;
-- statement: meta/shadows.ledger_checked.sql
UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = TRUE
WHERE model IN ('stg_events', 'events_merge', 'kind_totals', 'events_append', 'event_history', 'kind_history');
-- statement: meta/shadows.ledger_passed.sql
-- Every shadow whose checks all passed since it was built, with what it was built from.
SELECT model, fingerprint FROM session_meta.shadows WHERE checks_passed;
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:stg_events', 'model:events_merge', 'model:kind_totals', 'model:events_append', 'model:event_history', 'model:kind_history');
-- statement: meta/definitions.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('definition:events_merge', 'definition:kind_totals', 'definition:events_append', 'definition:event_history', 'definition:kind_history');
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('stg_events', 'events_merge', 'kind_totals', 'events_append', 'event_history', 'kind_history');
-- statement: swap/publish.publish_log_create.sql
-- One row per committed publish: after a COMMIT whose answer was lost, its row says whether it happened.
CREATE TABLE IF NOT EXISTS session_meta.publishes (publish_id VARCHAR, models VARCHAR, published_at TIMESTAMP_NTZ);
-- statement: swap/publish.publish_begin.sql
-- Every model whose table keeps its columns is published in this one transaction: readers see all of them old or
-- all new, a failure or a kill before COMMIT publishes none, and each table keeps its grants, policies and history.
BEGIN TRANSACTION NAME session_publish;
-- statement: swap/events_merge.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.events_merge SELECT * FROM analytics.events_merge__shadow;
-- statement: swap/kind_totals.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.kind_totals SELECT * FROM analytics.kind_totals__shadow;
-- statement: swap/events_append.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.events_append SELECT * FROM analytics.events_append__shadow;
-- statement: swap/event_history.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.event_history SELECT * FROM analytics.event_history__shadow;
-- statement: swap/kind_history.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.kind_history SELECT * FROM analytics.kind_history__shadow;
-- statement: swap/publish.publish_log_write.sql
INSERT INTO session_meta.publishes (publish_id, models, published_at) VALUES ('session-run <id of the run>', 'events_merge,kind_totals,events_append,event_history,kind_history', SYSDATE());
-- statement: swap/publish.publish_commit.sql
COMMIT;
-- statement: swap/events_merge.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_merge__shadow IS 'session-run <id of the run>';
-- statement: swap/events_merge.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_merge SWAP WITH analytics.events_merge__shadow;
-- statement: swap/kind_totals.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_totals__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_totals.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_totals SWAP WITH analytics.kind_totals__shadow;
-- statement: swap/events_append.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_append__shadow IS 'session-run <id of the run>';
-- statement: swap/events_append.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_append SWAP WITH analytics.events_append__shadow;
-- statement: swap/event_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.event_history__shadow IS 'session-run <id of the run>';
-- statement: swap/event_history.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.event_history SWAP WITH analytics.event_history__shadow;
-- statement: swap/kind_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_history__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_history.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_history SWAP WITH analytics.kind_history__shadow;
-- statement: swap/events_merge.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_merge__shadow IS 'session-run <id of the run>';
-- statement: swap/events_merge.first_publish.sql
ALTER TABLE analytics.events_merge__shadow RENAME TO analytics.events_merge;
-- statement: swap/kind_totals.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_totals__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_totals.first_publish.sql
ALTER TABLE analytics.kind_totals__shadow RENAME TO analytics.kind_totals;
-- statement: swap/events_append.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_append__shadow IS 'session-run <id of the run>';
-- statement: swap/events_append.first_publish.sql
ALTER TABLE analytics.events_append__shadow RENAME TO analytics.events_append;
-- statement: swap/event_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.event_history__shadow IS 'session-run <id of the run>';
-- statement: swap/event_history.first_publish.sql
ALTER TABLE analytics.event_history__shadow RENAME TO analytics.event_history;
-- statement: swap/kind_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_history__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_history.first_publish.sql
ALTER TABLE analytics.kind_history__shadow RENAME TO analytics.kind_history;
-- statement: swap/events_merge.drop_shadow.sql
DROP TABLE IF EXISTS analytics.events_merge__shadow;
-- statement: swap/kind_totals.drop_shadow.sql
DROP TABLE IF EXISTS analytics.kind_totals__shadow;
-- statement: swap/events_append.drop_shadow.sql
DROP TABLE IF EXISTS analytics.events_append__shadow;
-- statement: swap/event_history.drop_shadow.sql
DROP TABLE IF EXISTS analytics.event_history__shadow;
-- statement: swap/kind_history.drop_shadow.sql
DROP TABLE IF EXISTS analytics.kind_history__shadow;
-- statement: swap/events_merge.drop_previous.sql
DROP TABLE IF EXISTS analytics.events_merge__shadow;
-- statement: swap/kind_totals.drop_previous.sql
DROP TABLE IF EXISTS analytics.kind_totals__shadow;
-- statement: swap/events_append.drop_previous.sql
DROP TABLE IF EXISTS analytics.events_append__shadow;
-- statement: swap/event_history.drop_previous.sql
DROP TABLE IF EXISTS analytics.event_history__shadow;
-- statement: swap/kind_history.drop_previous.sql
DROP TABLE IF EXISTS analytics.kind_history__shadow;
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
-- statement: meta/definitions.fingerprint_write.sql
MERGE INTO session_meta.fingerprints AS f
USING (
SELECT 'definition:events_merge' AS node, 'definition' AS kind, '03fe9b86f8cc7b7e676e10bb1e9c9b09846cebef14bdd60dd425cde95661ff40' AS fingerprint UNION ALL
SELECT 'definition:kind_totals' AS node, 'definition' AS kind, 'ee04f026c06800942e18ec2d13c227eceac765529bd9e637b81665272b5a27b0' AS fingerprint UNION ALL
SELECT 'definition:events_append' AS node, 'definition' AS kind, 'bc544f974d986597fe5d6cbafaf12967a3406b0c0ff4a582357a138b0ae8f64e' AS fingerprint UNION ALL
SELECT 'definition:event_history' AS node, 'definition' AS kind, 'a652349f89a3ff5d2aa854f58fc8fcd5624a45104a3f662996dc793ba75d1709' AS fingerprint UNION ALL
SELECT 'definition:kind_history' AS node, 'definition' AS kind, '5591de62de483573e559844bc7c0a9b7471a635c2b92b99251a9ae4306434f0f' AS fingerprint
) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:stg_events', 'model:events_merge', 'model:kind_totals', 'model:events_append', 'model:event_history', 'model:kind_history');
-- statement: swap/published.count_rows_each.sql
SELECT 'stg_events' AS name, COUNT(*) AS n FROM analytics.stg_events;
