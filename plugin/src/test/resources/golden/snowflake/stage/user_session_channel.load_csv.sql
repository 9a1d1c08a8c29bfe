-- Run as a query: one result row per file (status, rows parsed/loaded, first error with line and column).
COPY INTO raw.user_session_channel_table
  FROM @raw.user_session_channel_stage
  FILES = ('user_session_channel.csv')
  FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_DELIMITER = ',' FIELD_OPTIONALLY_ENCLOSED_BY = '"'
                 NULL_IF = ('')
                 ENCODING = 'UTF8' ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE)
  ON_ERROR = ABORT_STATEMENT;
