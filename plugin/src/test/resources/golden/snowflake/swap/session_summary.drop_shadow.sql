DROP TABLE IF EXISTS analytics.session_summary__shadow;
