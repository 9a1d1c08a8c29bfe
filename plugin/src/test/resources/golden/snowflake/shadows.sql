-- statement: meta/shadows.ledger_create.sql
CREATE TABLE IF NOT EXISTS session_meta.shadows (model VARCHAR PRIMARY KEY, fingerprint VARCHAR, built_at TIMESTAMP_NTZ, checked_at TIMESTAMP_NTZ, checks_passed BOOLEAN);
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('session_summary', 'sessions_by_day');
-- statement: meta/shadows.ledger_built.sql
MERGE INTO session_meta.shadows AS l
USING (
SELECT 'session_summary' AS model, NULL AS fingerprint UNION ALL
SELECT 'sessions_by_day' AS model, NULL AS fingerprint
) AS s ON l.model = s.model
WHEN MATCHED THEN UPDATE SET fingerprint = s.fingerprint, built_at = CURRENT_TIMESTAMP(), checked_at = NULL, checks_passed = NULL
WHEN NOT MATCHED THEN INSERT (model, fingerprint, built_at) VALUES (s.model, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: meta/shadows.ledger_checked.sql
UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = TRUE
WHERE model IN ('session_summary', 'sessions_by_day');
-- statement: meta/shadows.ledger_passed.sql
-- Every shadow whose checks all passed since it was built, with what it was built from.
SELECT model, fingerprint FROM session_meta.shadows WHERE checks_passed;
-- statement: meta/shadows.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model IN ('session_summary', 'sessions_by_day');
