-- statement: ctas/event_history.snapshot_create.sql
CREATE OR REPLACE TABLE analytics.event_history__shadow AS
SELECT b.*,
  CAST(b.ts AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow
) AS b;
-- statement: ctas/event_history.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.event_history__batch AS
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow;
-- statement: ctas/event_history.describe.sql
SELECT * FROM analytics.event_history__batch LIMIT 0;
-- statement: ctas/event_history.describe.sql
SELECT * FROM analytics.event_history LIMIT 0;
-- statement: ctas/event_history.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.event_history__shadow CLONE analytics.event_history;
-- statement: ctas/event_history.count_rows.sql
SELECT COUNT(*) FROM analytics.event_history__shadow;
-- statement: ctas/event_history.snapshot_close.sql
-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.event_history__shadow AS s
SET valid_to = CAST(b.ts AS TIMESTAMP_NTZ)
FROM analytics.event_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.id = b.id
  AND (b.ts > s.ts);
-- statement: ctas/event_history.snapshot_insert.sql
-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.event_history__shadow (id, kind, amount, ts, valid_from, valid_to)
SELECT b.id, b.kind, b.amount, b.ts, CAST(b.ts AS TIMESTAMP_NTZ), NULL
FROM analytics.event_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.event_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.id = b.id
);
-- statement: ctas/event_history.count_rows.sql
SELECT COUNT(*) FROM analytics.event_history__shadow;
-- statement: ctas/event_history.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('event_history__batch');
-- statement: ctas/event_history.drop_table.sql
DROP TABLE IF EXISTS analytics.event_history__batch;
-- statement: test/event_history.describe.sql
SELECT * FROM analytics.event_history__shadow LIMIT 0;
-- statement: test/event_history.unique_id_valid_from.sql
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, valid_from, COUNT(*) AS occurrences
FROM analytics.event_history__shadow
GROUP BY id, valid_from
HAVING COUNT(*) > 1 OR id IS NULL OR valid_from IS NULL;
-- statement: test/event_history.unique_id_valid_from.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.event_history__unique_id_valid_from AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, valid_from, COUNT(*) AS occurrences
FROM analytics.event_history__shadow
GROUP BY id, valid_from
HAVING COUNT(*) > 1 OR id IS NULL OR valid_from IS NULL;
-- statement: test/event_history.unique_id_valid_from.count.sql
SELECT COUNT(*) FROM audit.event_history__unique_id_valid_from;
-- statement: test/event_history.unique_id_valid_from.sample.sql
SELECT * FROM audit.event_history__unique_id_valid_from LIMIT 5;
-- statement: swap/event_history.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.event_history SELECT * FROM analytics.event_history__shadow;
-- statement: swap/event_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.event_history__shadow IS 'session-run <id of the run>';
-- statement: swap/event_history.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.event_history SWAP WITH analytics.event_history__shadow;
-- statement: swap/event_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.event_history__shadow IS 'session-run <id of the run>';
-- statement: swap/event_history.first_publish.sql
ALTER TABLE analytics.event_history__shadow RENAME TO analytics.event_history;
-- statement: swap/event_history.drop_shadow.sql
DROP TABLE IF EXISTS analytics.event_history__shadow;
-- statement: swap/event_history.drop_previous.sql
DROP TABLE IF EXISTS analytics.event_history__shadow;
