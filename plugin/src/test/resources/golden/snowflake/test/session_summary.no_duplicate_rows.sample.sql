SELECT * FROM audit.session_summary__no_duplicate_rows LIMIT 5;
