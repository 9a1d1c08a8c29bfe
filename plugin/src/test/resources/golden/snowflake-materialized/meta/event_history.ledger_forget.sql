DELETE FROM session_meta.shadows WHERE model = 'event_history';
