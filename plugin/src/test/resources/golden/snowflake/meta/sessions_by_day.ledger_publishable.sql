SELECT COUNT(*) FROM session_meta.shadows WHERE model = 'sessions_by_day' AND checks_passed;
