ALTER TABLE analytics.session_summary__shadow RENAME TO analytics.session_summary;
