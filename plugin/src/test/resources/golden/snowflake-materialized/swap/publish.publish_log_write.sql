INSERT INTO session_meta.publishes (publish_id, models, published_at) VALUES ('session-run <id of the run>', 'events_merge,kind_totals,events_append,event_history,kind_history', SYSDATE());
