DELETE FROM session_meta.shadows WHERE model = 'sessions_by_day';
