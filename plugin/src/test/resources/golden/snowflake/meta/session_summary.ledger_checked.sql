UPDATE session_meta.shadows SET checked_at = CURRENT_TIMESTAMP(), checks_passed = FALSE WHERE model = 'session_summary';
