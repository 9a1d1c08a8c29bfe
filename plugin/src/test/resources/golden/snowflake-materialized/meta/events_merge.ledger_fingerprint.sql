SELECT fingerprint FROM session_meta.shadows WHERE model = 'events_merge' AND checks_passed;
