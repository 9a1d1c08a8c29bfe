SELECT COUNT(*) FROM session_meta.shadows WHERE model = 'event_history' AND checks_passed;
