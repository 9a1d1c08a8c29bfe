-- statement: meta/shadows.ledger_create.sql
CREATE TABLE IF NOT EXISTS session_meta.shadows (model VARCHAR PRIMARY KEY, fingerprint VARCHAR, built_at TIMESTAMP_NTZ, checked_at TIMESTAMP_NTZ, checks_passed BOOLEAN);
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('events_merge', 'event_history', 'stg_events', 'events_append', 'kind_totals', 'kind_history');
-- statement: meta/shadows.ledger_built.sql
MERGE INTO session_meta.shadows AS l
USING (
SELECT 'stg_events' AS model, NULL AS fingerprint UNION ALL
SELECT 'events_merge' AS model, NULL AS fingerprint UNION ALL
SELECT 'kind_totals' AS model, NULL AS fingerprint UNION ALL
SELECT 'events_append' AS model, NULL AS fingerprint UNION ALL
SELECT 'event_history' AS model, NULL AS fingerprint UNION ALL
SELECT 'kind_history' AS model, NULL AS fingerprint
) AS s ON l.model = s.model
WHEN MATCHED THEN UPDATE SET fingerprint = s.fingerprint, built_at = CURRENT_TIMESTAMP(), checked_at = NULL, checks_passed = NULL
WHEN NOT MATCHED THEN INSERT (model, fingerprint, built_at) VALUES (s.model, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: meta/shadows.ledger_checked.sql
UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = TRUE
WHERE model IN ('stg_events', 'events_merge', 'kind_totals', 'events_append', 'event_history', 'kind_history');
-- statement: meta/shadows.ledger_passed.sql
-- Every shadow whose checks all passed since it was built, with what it was built from.
SELECT model, fingerprint FROM session_meta.shadows WHERE checks_passed;
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('stg_events', 'events_merge', 'kind_totals', 'events_append', 'event_history', 'kind_history');
