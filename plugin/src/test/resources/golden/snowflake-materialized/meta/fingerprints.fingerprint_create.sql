CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
