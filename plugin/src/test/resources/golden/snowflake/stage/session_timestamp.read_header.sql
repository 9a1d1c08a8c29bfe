-- The file's first line as Snowflake reads it, compared with the declared columns before COPY loads by position.
SELECT t.$1 AS c1, t.$2 AS c2, t.$3 AS c3
FROM @raw.session_timestamp_stage/session_timestamp.csv (FILE_FORMAT => 'raw.session_timestamp_header') t
LIMIT 1;
