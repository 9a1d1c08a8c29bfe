-- statement: ctas/kind_history.snapshot_create.sql
CREATE OR REPLACE TABLE analytics.kind_history__shadow AS
SELECT b.*,
  CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ) AS valid_from,
  CAST(NULL AS TIMESTAMP_NTZ) AS valid_to
FROM (
SELECT kind, total FROM analytics.kind_totals__shadow
) AS b;
-- statement: ctas/kind_history.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.kind_history__batch AS
SELECT kind, total FROM analytics.kind_totals__shadow;
-- statement: ctas/kind_history.describe.sql
SELECT * FROM analytics.kind_history__batch LIMIT 0;
-- statement: ctas/kind_history.describe.sql
SELECT * FROM analytics.kind_history LIMIT 0;
-- statement: ctas/kind_history.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.kind_history__shadow CLONE analytics.kind_history;
-- statement: ctas/kind_history.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_history__shadow;
-- statement: ctas/kind_history.snapshot_close.sql
-- Ends the current version of every entity that changed: a later updated_at, or another value in check_cols.
UPDATE analytics.kind_history__shadow AS s
SET valid_to = CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ)
FROM analytics.kind_history__batch AS b
WHERE s.valid_to IS NULL
  AND s.kind = b.kind
  AND (s.total IS DISTINCT FROM b.total);
-- statement: ctas/kind_history.snapshot_insert.sql
-- A new version for every entity without a current one: new entities, and those whose version just ended.
INSERT INTO analytics.kind_history__shadow (kind, total, valid_from, valid_to)
SELECT b.kind, b.total, CAST('<the time of the run, UTC>' AS TIMESTAMP_NTZ), NULL
FROM analytics.kind_history__batch AS b
WHERE NOT EXISTS (
  SELECT 1 FROM analytics.kind_history__shadow AS s
  WHERE s.valid_to IS NULL AND s.kind = b.kind
);
-- statement: ctas/kind_history.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_history__shadow;
-- statement: ctas/kind_history.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('kind_history__batch');
-- statement: ctas/kind_history.drop_table.sql
DROP TABLE IF EXISTS analytics.kind_history__batch;
-- statement: swap/kind_history.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.kind_history SELECT * FROM analytics.kind_history__shadow;
-- statement: swap/kind_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_history__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_history.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_history SWAP WITH analytics.kind_history__shadow;
-- statement: swap/kind_history.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_history__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_history.first_publish.sql
ALTER TABLE analytics.kind_history__shadow RENAME TO analytics.kind_history;
-- statement: swap/kind_history.drop_shadow.sql
DROP TABLE IF EXISTS analytics.kind_history__shadow;
-- statement: swap/kind_history.drop_previous.sql
DROP TABLE IF EXISTS analytics.kind_history__shadow;
