-- statement: setup/audit.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('audit');
-- statement: setup/audit.create_schema.sql
CREATE SCHEMA IF NOT EXISTS audit;
