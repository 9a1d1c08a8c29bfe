-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:session_summary', 'model:sessions_by_day');
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:session_summary', 'model:sessions_by_day');
