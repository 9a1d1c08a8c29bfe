DELETE FROM session_meta.fingerprints WHERE node = 'model:session_summary';
