SELECT fingerprint FROM session_meta.shadows WHERE model = 'session_summary' AND checks_passed;
