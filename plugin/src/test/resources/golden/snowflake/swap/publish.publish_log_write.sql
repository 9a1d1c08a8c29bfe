INSERT INTO session_meta.publishes (publish_id, models, published_at) VALUES ('session-run <id of the run>', 'session_summary,sessions_by_day', SYSDATE());
