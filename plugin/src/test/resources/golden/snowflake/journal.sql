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
-- statement: setup/analytics.grant_usage.REPORTER.sql
GRANT USAGE ON SCHEMA analytics TO ROLE REPORTER;
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
-- statement: meta/user_session_channel.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('source:user_session_channel', 'extents:user_session_channel');
-- statement: stage/user_session_channel.create_staging_table.sql
-- A new table each run: no stale load metadata, so COPY never skips a file it saw before. TRANSIENT: it is
-- rebuilt from the files every run, so Fail-safe storage would only cost.
CREATE OR REPLACE TRANSIENT TABLE raw.user_session_channel_table (userId VARCHAR, sessionId VARCHAR, channel VARCHAR);
-- statement: stage/user_session_channel.create_stage.sql
-- External stage on the files' S3 folder, replaced every run so it always points where the descriptor (or
-- -Dsession.sources) says; a public bucket needs neither integration nor credentials.
CREATE OR REPLACE STAGE raw.user_session_channel_stage
  URL = 's3://s3-geospatial/readonly/';
-- statement: stage/user_session_channel.header_format.sql
-- The same CSV options without skipping the header, to read the header line through the stage.
CREATE OR REPLACE FILE FORMAT raw.user_session_channel_header TYPE = CSV SKIP_HEADER = 0 FIELD_DELIMITER = ','
  FIELD_OPTIONALLY_ENCLOSED_BY = '"' ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE;
-- statement: stage/user_session_channel.read_header.sql
-- The file's first line as Snowflake reads it, compared with the declared columns before COPY loads by position.
SELECT t.$1 AS c1, t.$2 AS c2, t.$3 AS c3, t.$4 AS c4
FROM @raw.user_session_channel_stage/user_session_channel.csv (FILE_FORMAT => 'raw.user_session_channel_header') t
LIMIT 1;
-- statement: stage/user_session_channel.load_csv.sql
-- Run as a query: one result row per file (status, rows parsed/loaded, first error with line and column).
-- ESCAPE_UNENCLOSED_FIELD = NONE: a backslash in an unquoted field is data, as DuckDB reads it (the default would
-- drop it and escape the next character).
COPY INTO raw.user_session_channel_table
  FROM @raw.user_session_channel_stage
  FILES = ('user_session_channel.csv')
  FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_DELIMITER = ',' FIELD_OPTIONALLY_ENCLOSED_BY = '"'
                 NULL_IF = ('')
                 ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE)
  ON_ERROR = ABORT_STATEMENT;
-- statement: meta/session_timestamp.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('source:session_timestamp', 'extents:session_timestamp');
-- statement: stage/session_timestamp.create_staging_table.sql
-- A new table each run: no stale load metadata, so COPY never skips a file it saw before. TRANSIENT: it is
-- rebuilt from the files every run, so Fail-safe storage would only cost.
CREATE OR REPLACE TRANSIENT TABLE raw.session_timestamp_table (sessionId VARCHAR, ts TIMESTAMP_NTZ);
-- statement: stage/session_timestamp.create_stage.sql
-- External stage on the files' S3 folder, replaced every run so it always points where the descriptor (or
-- -Dsession.sources) says; a public bucket needs neither integration nor credentials.
CREATE OR REPLACE STAGE raw.session_timestamp_stage
  URL = 's3://s3-geospatial/readonly/';
-- statement: stage/session_timestamp.header_format.sql
-- The same CSV options without skipping the header, to read the header line through the stage.
CREATE OR REPLACE FILE FORMAT raw.session_timestamp_header TYPE = CSV SKIP_HEADER = 0 FIELD_DELIMITER = ','
  FIELD_OPTIONALLY_ENCLOSED_BY = '"' ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE;
-- statement: stage/session_timestamp.read_header.sql
-- The file's first line as Snowflake reads it, compared with the declared columns before COPY loads by position.
SELECT t.$1 AS c1, t.$2 AS c2, t.$3 AS c3
FROM @raw.session_timestamp_stage/session_timestamp.csv (FILE_FORMAT => 'raw.session_timestamp_header') t
LIMIT 1;
-- statement: stage/session_timestamp.load_csv.sql
-- Run as a query: one result row per file (status, rows parsed/loaded, first error with line and column).
-- ESCAPE_UNENCLOSED_FIELD = NONE: a backslash in an unquoted field is data, as DuckDB reads it (the default would
-- drop it and escape the next character).
COPY INTO raw.session_timestamp_table
  FROM @raw.session_timestamp_stage
  FILES = ('session_timestamp.csv')
  FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_DELIMITER = ',' FIELD_OPTIONALLY_ENCLOSED_BY = '"'
                 NULL_IF = ('')
                 ENCODING = 'UTF8' ESCAPE_UNENCLOSED_FIELD = NONE ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE)
  ON_ERROR = ABORT_STATEMENT;
-- statement: ctas/user_session_channel.table_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('raw') AND TABLE_NAME = UPPER('user_session_channel_table');
-- statement: ctas/session_timestamp.table_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('raw') AND TABLE_NAME = UPPER('session_timestamp_table');
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
DELETE FROM session_meta.shadows WHERE model IN ('session_summary', 'sessions_by_day');
-- statement: ctas/session_summary.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.session_summary__shadow AS
-- One row per session seen in both files: who, through which channel, when.
SELECT usc.userId,
       usc.sessionId,
       usc.channel,
       st.ts
FROM raw.user_session_channel_table AS usc
JOIN raw.session_timestamp_table AS st
  ON usc.sessionId = st.sessionId;
-- statement: ctas/session_summary.count_rows.sql
SELECT COUNT(*) FROM analytics.session_summary__shadow;
-- statement: ctas/session_summary.grant.REPORTER.sql
GRANT SELECT ON TABLE analytics.session_summary__shadow TO ROLE REPORTER;
-- statement: ctas/sessions_by_day.describe.sql
SELECT * FROM analytics.sessions_by_day LIMIT 0;
-- statement: ctas/sessions_by_day.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.sessions_by_day__batch AS
-- Sessions and active users per day and channel. Sessions arrive by day, so a run that adds to the published
-- table recomputes only the last day it holds (that day may have been partial) and the days after it.
SELECT CAST(ts AS DATE) AS day, channel, COUNT(*) AS sessions, COUNT(DISTINCT userId) AS users
FROM analytics.session_summary__shadow
WHERE CAST(ts AS DATE) >= (SELECT max(day) FROM analytics.sessions_by_day)
GROUP BY CAST(ts AS DATE), channel;
-- statement: ctas/sessions_by_day.count_rows.sql
SELECT COUNT(*) FROM analytics.sessions_by_day__batch;
-- statement: ctas/sessions_by_day.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.sessions_by_day__shadow CLONE analytics.sessions_by_day;
-- statement: ctas/sessions_by_day.incremental_delete_insert.sql
-- Every row whose key is in the batch goes; the batch's rows are then inserted (incremental_append).
DELETE FROM analytics.sessions_by_day__shadow
USING analytics.sessions_by_day__batch AS b
WHERE analytics.sessions_by_day__shadow.day = b.day AND analytics.sessions_by_day__shadow.channel = b.channel;
-- statement: ctas/sessions_by_day.incremental_append.sql
INSERT INTO analytics.sessions_by_day__shadow (day, channel, sessions, users)
SELECT day, channel, sessions, users FROM analytics.sessions_by_day__batch;
-- statement: ctas/sessions_by_day.count_rows.sql
SELECT COUNT(*) FROM analytics.sessions_by_day__shadow;
-- statement: ctas/sessions_by_day.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('sessions_by_day__batch');
-- statement: ctas/sessions_by_day.drop_table.sql
DROP TABLE IF EXISTS analytics.sessions_by_day__batch;
-- statement: ctas/sessions_by_day.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.sessions_by_day__shadow AS
-- Sessions and active users per day and channel. Sessions arrive by day, so a run that adds to the published
-- table recomputes only the last day it holds (that day may have been partial) and the days after it.
SELECT CAST(ts AS DATE) AS day, channel, COUNT(*) AS sessions, COUNT(DISTINCT userId) AS users
FROM analytics.session_summary__shadow

GROUP BY CAST(ts AS DATE), channel;
-- statement: ctas/sessions_by_day.count_rows.sql
SELECT COUNT(*) FROM analytics.sessions_by_day__shadow;
-- statement: ctas/sessions_by_day.grant.REPORTER.sql
GRANT SELECT ON TABLE analytics.sessions_by_day__shadow TO ROLE REPORTER;
-- statement: meta/shadows.ledger_built.sql
MERGE INTO session_meta.shadows AS l
USING (
SELECT 'session_summary' AS model, NULL AS fingerprint UNION ALL
SELECT 'sessions_by_day' AS model, NULL AS fingerprint
) AS s ON l.model = s.model
WHEN MATCHED THEN UPDATE SET fingerprint = s.fingerprint, built_at = CURRENT_TIMESTAMP(), checked_at = NULL, checks_passed = NULL
WHEN NOT MATCHED THEN INSERT (model, fingerprint, built_at) VALUES (s.model, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: test/session_summary.describe.sql
SELECT * FROM analytics.session_summary__shadow LIMIT 0;
-- statement: test/session_summary.unique_sessionId.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__unique_sessionId AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT sessionId, COUNT(*) AS occurrences
FROM analytics.session_summary__shadow
GROUP BY sessionId
HAVING COUNT(*) > 1 OR sessionId IS NULL;
-- statement: test/session_summary.unique_sessionId.count.sql
SELECT COUNT(*) FROM audit.session_summary__unique_sessionId;
-- statement: test/session_summary.unique_sessionId.sample.sql
SELECT * FROM audit.session_summary__unique_sessionId LIMIT 5;
-- statement: test/session_summary.no_duplicate_rows.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__no_duplicate_rows AS
-- Failing rows: every distinct row that occurs more than once, with its number of copies.
SELECT *, COUNT(*) AS copies
FROM analytics.session_summary__shadow
GROUP BY ALL
HAVING COUNT(*) > 1;
-- statement: test/session_summary.no_duplicate_rows.count.sql
SELECT COUNT(*) FROM audit.session_summary__no_duplicate_rows;
-- statement: test/session_summary.no_duplicate_rows.sample.sql
SELECT * FROM audit.session_summary__no_duplicate_rows LIMIT 5;
-- statement: test/sessions_by_day.describe.sql
SELECT * FROM analytics.sessions_by_day__shadow LIMIT 0;
-- statement: test/sessions_by_day.unique_day_channel.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.sessions_by_day__unique_day_channel AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT day, channel, COUNT(*) AS occurrences
FROM analytics.sessions_by_day__shadow
GROUP BY day, channel
HAVING COUNT(*) > 1 OR day IS NULL OR channel IS NULL;
-- statement: test/sessions_by_day.unique_day_channel.count.sql
SELECT COUNT(*) FROM audit.sessions_by_day__unique_day_channel;
-- statement: test/sessions_by_day.unique_day_channel.sample.sql
SELECT * FROM audit.sessions_by_day__unique_day_channel LIMIT 5;
-- statement: meta/shadows.ledger_checked.sql
UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = TRUE
WHERE model IN ('session_summary', 'sessions_by_day');
-- statement: meta/shadows.ledger_passed.sql
-- Every shadow whose checks all passed since it was built, with what it was built from.
SELECT model, fingerprint FROM session_meta.shadows WHERE checks_passed;
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:session_summary', 'model:sessions_by_day');
-- statement: meta/sessions_by_day.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('definition:sessions_by_day');
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('session_summary', 'sessions_by_day');
-- statement: swap/publish.publish_log_create.sql
-- One row per committed publish: after a COMMIT whose answer was lost, its row says whether it happened.
CREATE TABLE IF NOT EXISTS session_meta.publishes (publish_id VARCHAR, models VARCHAR, published_at TIMESTAMP_NTZ);
-- statement: swap/publish.publish_begin.sql
-- Every model whose table keeps its columns is published in this one transaction: readers see all of them old or
-- all new, a failure or a kill before COMMIT publishes none, and each table keeps its grants, policies and history.
BEGIN TRANSACTION NAME session_publish;
-- statement: swap/session_summary.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.session_summary SELECT * FROM analytics.session_summary__shadow;
-- statement: swap/sessions_by_day.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.sessions_by_day SELECT * FROM analytics.sessions_by_day__shadow;
-- statement: swap/publish.publish_log_write.sql
INSERT INTO session_meta.publishes (publish_id, models, published_at) VALUES ('session-run <id of the run>', 'session_summary,sessions_by_day', SYSDATE());
-- statement: swap/publish.publish_commit.sql
COMMIT;
-- statement: swap/session_summary.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.session_summary__shadow IS 'session-run <id of the run>';
-- statement: swap/session_summary.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.session_summary SWAP WITH analytics.session_summary__shadow;
-- statement: swap/sessions_by_day.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.sessions_by_day__shadow IS 'session-run <id of the run>';
-- statement: swap/sessions_by_day.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.sessions_by_day SWAP WITH analytics.sessions_by_day__shadow;
-- statement: swap/session_summary.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.session_summary__shadow IS 'session-run <id of the run>';
-- statement: swap/session_summary.first_publish.sql
ALTER TABLE analytics.session_summary__shadow RENAME TO analytics.session_summary;
-- statement: swap/sessions_by_day.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.sessions_by_day__shadow IS 'session-run <id of the run>';
-- statement: swap/sessions_by_day.first_publish.sql
ALTER TABLE analytics.sessions_by_day__shadow RENAME TO analytics.sessions_by_day;
-- statement: swap/session_summary.drop_shadow.sql
DROP TABLE IF EXISTS analytics.session_summary__shadow;
-- statement: swap/sessions_by_day.drop_shadow.sql
DROP TABLE IF EXISTS analytics.sessions_by_day__shadow;
-- statement: swap/session_summary.drop_previous.sql
DROP TABLE IF EXISTS analytics.session_summary__shadow;
-- statement: swap/sessions_by_day.drop_previous.sql
DROP TABLE IF EXISTS analytics.sessions_by_day__shadow;
-- statement: meta/sessions_by_day.fingerprint_write.sql
MERGE INTO session_meta.fingerprints AS f
USING (
SELECT 'definition:sessions_by_day' AS node, 'definition' AS kind, '4b0dedc3b29923bab6ff136941a0050eeb7e4321810fa23c5be005568c0ceda8' AS fingerprint
) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:session_summary', 'model:sessions_by_day');
