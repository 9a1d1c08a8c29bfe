SELECT COUNT(*) FROM session_meta.shadows WHERE model = 'stg_events' AND checks_passed;
