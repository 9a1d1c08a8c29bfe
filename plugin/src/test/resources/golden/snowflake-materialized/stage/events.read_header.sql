-- The file's first line as Snowflake reads it, compared with the declared columns before COPY loads by position.
SELECT t.$1 AS c1, t.$2 AS c2, t.$3 AS c3, t.$4 AS c4, t.$5 AS c5
FROM @raw.events_stage/events.csv (FILE_FORMAT => 'raw.events_header') t
LIMIT 1;
