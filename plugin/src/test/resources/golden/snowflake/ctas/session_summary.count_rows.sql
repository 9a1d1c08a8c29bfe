SELECT COUNT(*) FROM analytics.session_summary__shadow;
