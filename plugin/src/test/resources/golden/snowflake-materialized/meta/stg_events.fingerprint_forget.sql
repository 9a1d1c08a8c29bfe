DELETE FROM session_meta.fingerprints WHERE node = 'model:stg_events';
