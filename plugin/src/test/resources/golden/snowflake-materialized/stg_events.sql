-- statement: ctas/stg_events.view_shadow.sql
CREATE OR REPLACE VIEW analytics.stg_events__shadow AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: meta/stg_events.ledger_built.sql
MERGE INTO session_meta.shadows AS l
USING (SELECT 'stg_events' AS model, NULL AS fingerprint) AS s ON l.model = s.model
WHEN MATCHED THEN UPDATE SET fingerprint = s.fingerprint, built_at = CURRENT_TIMESTAMP(), checked_at = NULL, checks_passed = NULL
WHEN NOT MATCHED THEN INSERT (model, fingerprint, built_at) VALUES (s.model, s.fingerprint, CURRENT_TIMESTAMP());
-- statement: meta/stg_events.ledger_checked.sql
UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = TRUE WHERE model = 'stg_events';
-- statement: meta/stg_events.ledger_publishable.sql
SELECT COUNT(*) FROM session_meta.shadows WHERE model = 'stg_events' AND checks_passed;
-- statement: meta/stg_events.ledger_fingerprint.sql
SELECT fingerprint FROM session_meta.shadows WHERE model = 'stg_events' AND checks_passed;
-- statement: meta/stg_events.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node = 'model:stg_events';
-- statement: meta/stg_events.ledger_forget.sql
DELETE FROM session_meta.shadows WHERE model = 'stg_events';
-- statement: swap/stg_events.create_view.sql
-- COPY GRANTS keeps what readers were granted on the view it replaces.
CREATE OR REPLACE VIEW analytics.stg_events COPY GRANTS AS
SELECT id, kind, amount, ts, CAST(ts AS DATE) AS day FROM raw.events_table;
-- statement: swap/stg_events.drop_shadow.sql
DROP VIEW IF EXISTS analytics.stg_events__shadow;
-- statement: meta/stg_events.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node = 'model:stg_events';
-- statement: swap/stg_events.count_rows.sql
SELECT COUNT(*) FROM analytics.stg_events;
