-- statement: ctas/session_summary.ctas_shadow.sql
-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.session_summary__shadow AS
-- One row per session seen in both files: who, through which channel, when.
SELECT usc.userId,
       usc.sessionId,
       usc.channel,
       st.ts
FROM raw.user_session_channel_table AS usc
JOIN raw.session_timestamp_table AS st
  ON usc.sessionId = st.sessionId;
-- statement: ctas/session_summary.count_rows.sql
SELECT COUNT(*) FROM analytics.session_summary__shadow;
-- statement: ctas/session_summary.grant.REPORTER.sql
GRANT SELECT ON TABLE analytics.session_summary__shadow TO ROLE REPORTER;
-- statement: test/session_summary.describe.sql
SELECT * FROM analytics.session_summary__shadow LIMIT 0;
-- statement: test/session_summary.unique_sessionId.sql
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT sessionId, COUNT(*) AS occurrences
FROM analytics.session_summary__shadow
GROUP BY sessionId
HAVING COUNT(*) > 1 OR sessionId IS NULL;
-- statement: test/session_summary.unique_sessionId.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__unique_sessionId AS
-- Failing rows: keys that occur more than once, and NULL keys (GROUP BY would put all NULLs in one group).
SELECT sessionId, COUNT(*) AS occurrences
FROM analytics.session_summary__shadow
GROUP BY sessionId
HAVING COUNT(*) > 1 OR sessionId IS NULL;
-- statement: test/session_summary.unique_sessionId.count.sql
SELECT COUNT(*) FROM audit.session_summary__unique_sessionId;
-- statement: test/session_summary.unique_sessionId.sample.sql
SELECT * FROM audit.session_summary__unique_sessionId LIMIT 5;
-- statement: test/session_summary.no_duplicate_rows.sql
-- Failing rows: every distinct row that occurs more than once, with its number of copies.
SELECT *, COUNT(*) AS copies
FROM analytics.session_summary__shadow
GROUP BY ALL
HAVING COUNT(*) > 1;
-- statement: test/session_summary.no_duplicate_rows.keep.sql
-- TRANSIENT: the failing rows of the last run only, replaced every run.
CREATE OR REPLACE TRANSIENT TABLE audit.session_summary__no_duplicate_rows AS
-- Failing rows: every distinct row that occurs more than once, with its number of copies.
SELECT *, COUNT(*) AS copies
FROM analytics.session_summary__shadow
GROUP BY ALL
HAVING COUNT(*) > 1;
-- statement: test/session_summary.no_duplicate_rows.count.sql
SELECT COUNT(*) FROM audit.session_summary__no_duplicate_rows;
-- statement: test/session_summary.no_duplicate_rows.sample.sql
SELECT * FROM audit.session_summary__no_duplicate_rows LIMIT 5;
-- statement: swap/session_summary.insert_overwrite.sql
-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.session_summary SELECT * FROM analytics.session_summary__shadow;
-- statement: swap/session_summary.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.session_summary__shadow IS 'session-run <id of the run>';
-- statement: swap/session_summary.swap_tables.sql
-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.session_summary SWAP WITH analytics.session_summary__shadow;
-- statement: swap/session_summary.tag_shadow.sql
-- Marks the new version with this publish's id, so after a SWAP whose answer was lost the run can see where the
-- new version is instead of swapping again (which would swap it back).
COMMENT ON TABLE analytics.session_summary__shadow IS 'session-run <id of the run>';
-- statement: swap/session_summary.first_publish.sql
ALTER TABLE analytics.session_summary__shadow RENAME TO analytics.session_summary;
-- statement: swap/session_summary.drop_shadow.sql
DROP TABLE IF EXISTS analytics.session_summary__shadow;
-- statement: swap/session_summary.drop_previous.sql
DROP TABLE IF EXISTS analytics.session_summary__shadow;
