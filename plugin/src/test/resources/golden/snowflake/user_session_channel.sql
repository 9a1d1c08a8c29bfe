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
-- statement: ctas/user_session_channel.table_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('raw') AND TABLE_NAME = UPPER('user_session_channel_table');
