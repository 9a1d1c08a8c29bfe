-- statement: setup/analytics.schema_exists.sql
-- Unquoted names are stored upper-case.
SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = UPPER('analytics');
-- statement: setup/analytics.create_schema.sql
CREATE SCHEMA IF NOT EXISTS analytics;
-- statement: setup/analytics.grant_usage.REPORTER.sql
GRANT USAGE ON SCHEMA analytics TO ROLE REPORTER;
