SELECT COUNT(*) FROM session_meta.shadows WHERE model = 'kind_history' AND checks_passed;
