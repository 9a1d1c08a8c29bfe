-- statement: setup/session_meta.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('session_meta');
-- statement: setup/session_meta.create_schema.sql
CREATE SCHEMA IF NOT EXISTS session_meta;
