-- statement: ctas/events_merge.describe.sql
SELECT * FROM analytics.events_merge LIMIT 0;
-- statement: ctas/events_merge.incremental_batch.sql
CREATE OR REPLACE TRANSIENT TABLE analytics.events_merge__batch AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
),
latest AS (
  SELECT id, kind, amount, ts,
         row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS version
  FROM base_events
  WHERE ts > (SELECT max(ts) FROM analytics.events_merge)
)
SELECT id, kind, amount, ts FROM latest WHERE version = 1;
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__batch;
-- statement: ctas/events_merge.incremental_start.sql
-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.events_merge__shadow CLONE analytics.events_merge;
-- statement: ctas/events_merge.incremental_merge.sql
-- Rows whose key is in the batch take the batch's values; new keys are added. A key twice in the batch fails.
MERGE INTO analytics.events_merge__shadow AS t
USING analytics.events_merge__batch AS b
ON t.id = b.id
WHEN MATCHED THEN UPDATE SET id = b.id, kind = b.kind, amount = b.amount, ts = b.ts
WHEN NOT MATCHED THEN INSERT (id, kind, amount, ts)
VALUES (b.id, b.kind, b.amount, b.ts);
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__shadow;
-- statement: ctas/events_merge.relation_kind.sql
-- Unquoted names are stored upper-case; views are listed here too, as table_type VIEW.
SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = UPPER('analytics') AND TABLE_NAME = UPPER('events_merge__batch');
-- statement: ctas/events_merge.drop_table.sql
DROP TABLE IF EXISTS analytics.events_merge__batch;
-- statement: ctas/events_merge.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.events_merge__shadow AS
WITH base_events AS (
-- events with an amount
SELECT id, kind, amount, ts FROM analytics.stg_events__shadow WHERE amount IS NOT NULL
),
latest AS (
  SELECT id, kind, amount, ts,
         row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS version
  FROM base_events
  
)
SELECT id, kind, amount, ts FROM latest WHERE version = 1;
-- statement: ctas/events_merge.count_rows.sql
SELECT COUNT(*) FROM analytics.events_merge__shadow;
-- statement: test/events_merge.describe.sql
SELECT * FROM analytics.events_merge__shadow LIMIT 0;
-- statement: test/events_merge.unique_id.sql
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, COUNT(*) AS occurrences
FROM analytics.events_merge__shadow
GROUP BY id
HAVING COUNT(*) > 1 OR id IS NULL;
-- statement: test/events_merge.unique_id.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.events_merge__unique_id AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT id, COUNT(*) AS occurrences
FROM analytics.events_merge__shadow
GROUP BY id
HAVING COUNT(*) > 1 OR id IS NULL;
-- statement: test/events_merge.unique_id.count.sql
SELECT COUNT(*) FROM audit.events_merge__unique_id;
-- statement: test/events_merge.unique_id.sample.sql
SELECT * FROM audit.events_merge__unique_id LIMIT 5;
-- statement: swap/events_merge.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.events_merge SELECT * FROM analytics.events_merge__shadow;
-- statement: swap/events_merge.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_merge__shadow IS 'session-run <id of the run>';
-- statement: swap/events_merge.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_merge SWAP WITH analytics.events_merge__shadow;
-- statement: swap/events_merge.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.events_merge__shadow IS 'session-run <id of the run>';
-- statement: swap/events_merge.first_publish.sql
ALTER TABLE analytics.events_merge__shadow RENAME TO analytics.events_merge;
-- statement: swap/events_merge.drop_shadow.sql
DROP TABLE IF EXISTS analytics.events_merge__shadow;
-- statement: swap/events_merge.drop_previous.sql
DROP TABLE IF EXISTS analytics.events_merge__shadow;
