DELETE FROM session_meta.fingerprints WHERE node = 'model:event_history';
