DELETE FROM session_meta.fingerprints WHERE node = 'model:sessions_by_day';
