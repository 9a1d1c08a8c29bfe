DELETE FROM session_meta.shadows WHERE model = 'session_summary';
