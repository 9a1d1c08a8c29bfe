-- statement: ctas/kind_totals.describe.sql
SELECT * FROM analytics.kind_totals LIMIT 0;
-- statement: ctas/kind_totals.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.kind_totals__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT kind, sum(amount) AS total, max(ts) AS last_ts
FROM base_events
WHERE kind IN (SELECT kind FROM base_events
                               WHERE ts > (SELECT max(last_ts) FROM analytics.kind_totals))
GROUP BY kind;
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__batch;
-- statement: ctas/kind_totals.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.kind_totals__shadow CLONE analytics.kind_totals;
-- statement: ctas/kind_totals.incremental_delete_insert.sql
-- Every row whose key is in the batch goes; the batch's rows are then inserted (incremental_append).
DELETE FROM analytics.kind_totals__shadow
USING analytics.kind_totals__batch AS b
WHERE analytics.kind_totals__shadow.kind = b.kind;
-- statement: ctas/kind_totals.incremental_append.sql
INSERT INTO analytics.kind_totals__shadow (kind, total, last_ts)
SELECT kind, total, last_ts FROM analytics.kind_totals__batch;
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__shadow;
-- statement: ctas/kind_totals.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('kind_totals__batch');
-- statement: ctas/kind_totals.drop_table.sql
DROP TABLE IF EXISTS analytics.kind_totals__batch;
-- statement: ctas/kind_totals.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.kind_totals__shadow AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
)
SELECT kind, sum(amount) AS total, max(ts) AS last_ts
FROM base_events

GROUP BY kind;
-- statement: ctas/kind_totals.count_rows.sql
SELECT COUNT(*) FROM analytics.kind_totals__shadow;
-- statement: test/kind_totals.describe.sql
SELECT * FROM analytics.kind_totals__shadow LIMIT 0;
-- statement: test/kind_totals.unique_kind.sql
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT kind, COUNT(*) AS occurrences
FROM analytics.kind_totals__shadow
GROUP BY kind
HAVING COUNT(*) > 1 OR kind IS NULL;
-- statement: test/kind_totals.unique_kind.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.kind_totals__unique_kind AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT kind, COUNT(*) AS occurrences
FROM analytics.kind_totals__shadow
GROUP BY kind
HAVING COUNT(*) > 1 OR kind IS NULL;
-- statement: test/kind_totals.unique_kind.count.sql
SELECT COUNT(*) FROM audit.kind_totals__unique_kind;
-- statement: test/kind_totals.unique_kind.sample.sql
SELECT * FROM audit.kind_totals__unique_kind LIMIT 5;
-- statement: swap/kind_totals.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.kind_totals SELECT * FROM analytics.kind_totals__shadow;
-- statement: swap/kind_totals.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_totals__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_totals.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_totals SWAP WITH analytics.kind_totals__shadow;
-- statement: swap/kind_totals.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.kind_totals__shadow IS 'session-run <id of the run>';
-- statement: swap/kind_totals.first_publish.sql
ALTER TABLE analytics.kind_totals__shadow RENAME TO analytics.kind_totals;
-- statement: swap/kind_totals.drop_shadow.sql
DROP TABLE IF EXISTS analytics.kind_totals__shadow;
-- statement: swap/kind_totals.drop_previous.sql
DROP TABLE IF EXISTS analytics.kind_totals__shadow;
