DELETE FROM session_meta.fingerprints WHERE node = 'source:user_session_channel';
