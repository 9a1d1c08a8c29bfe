-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
-- statement: meta/fingerprints.fingerprint_create.sql
CREATE TABLE IF NOT EXISTS session_meta.fingerprints (node VARCHAR PRIMARY KEY, kind VARCHAR, fingerprint VARCHAR, recorded_at TIMESTAMP_NTZ);
