DELETE FROM session_meta.fingerprints WHERE node = 'source:events';
