SELECT * FROM analytics.session_summary__shadow LIMIT 0;
