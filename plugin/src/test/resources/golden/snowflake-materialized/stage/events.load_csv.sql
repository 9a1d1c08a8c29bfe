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
