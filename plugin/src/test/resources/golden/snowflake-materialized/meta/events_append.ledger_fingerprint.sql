SELECT fingerprint FROM session_meta.shadows WHERE model = 'events_append' AND checks_passed;
