-- statement: setup/raw.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('raw');
-- statement: setup/raw.create_schema.sql
CREATE SCHEMA IF NOT EXISTS raw;
