SELECT * FROM audit.session_summary__unique_sessionId LIMIT 5;
