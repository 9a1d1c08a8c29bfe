DELETE FROM session_meta.fingerprints WHERE node = 'model:events_merge';
