SELECT fingerprint FROM session_meta.shadows WHERE model = 'kind_totals' AND checks_passed;
