-- statement: meta/shadows.ledger_create.sql
CREATE TABLE IF NOT EXISTS session_meta.shadows (model VARCHAR PRIMARY KEY, fingerprint VARCHAR, built_at TIMESTAMP_NTZ, checked_at TIMESTAMP_NTZ, checks_passed BOOLEAN);
