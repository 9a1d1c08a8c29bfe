SELECT COUNT(*) FROM audit.session_summary__unique_sessionId;
