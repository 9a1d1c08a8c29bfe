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
-- statement: test/sessions_by_day.describe.sql
SELECT * FROM analytics.sessions_by_day__shadow LIMIT 0;
-- statement: test/sessions_by_day.unique_day_channel.sql
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT day, channel, COUNT(*) AS occurrences
FROM analytics.sessions_by_day__shadow
GROUP BY day, channel
HAVING COUNT(*) > 1 OR day IS NULL OR channel IS NULL;
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
-- statement: meta/sessions_by_day.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('definition:sessions_by_day');
-- statement: swap/sessions_by_day.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.sessions_by_day SELECT * FROM analytics.sessions_by_day__shadow;
-- statement: swap/sessions_by_day.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.sessions_by_day__shadow IS 'session-run <id of the run>';
-- statement: swap/sessions_by_day.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.sessions_by_day SWAP WITH analytics.sessions_by_day__shadow;
-- statement: swap/sessions_by_day.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.sessions_by_day__shadow IS 'session-run <id of the run>';
-- statement: swap/sessions_by_day.first_publish.sql
ALTER TABLE analytics.sessions_by_day__shadow RENAME TO analytics.sessions_by_day;
-- statement: swap/sessions_by_day.drop_shadow.sql
DROP TABLE IF EXISTS analytics.sessions_by_day__shadow;
-- statement: swap/sessions_by_day.drop_previous.sql
DROP TABLE IF EXISTS analytics.sessions_by_day__shadow;
-- statement: meta/sessions_by_day.fingerprint_write.sql
MERGE INTO session_meta.fingerprints AS f
USING (
SELECT 'definition:sessions_by_day' AS node, 'definition' AS kind, '4b0dedc3b29923bab6ff136941a0050eeb7e4321810fa23c5be005568c0ceda8' AS fingerprint
) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
