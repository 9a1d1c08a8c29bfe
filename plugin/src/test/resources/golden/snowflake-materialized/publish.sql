-- statement: swap/publish.publish_log_create.sql
-- One row per committed publish: after a COMMIT whose answer was lost, its row says whether it happened.
CREATE TABLE IF NOT EXISTS session_meta.publishes (publish_id VARCHAR, models VARCHAR, published_at TIMESTAMP_NTZ);
-- statement: swap/publish.publish_begin.sql
-- Every model whose table keeps its columns is published in this one transaction: readers see all of them old or
-- all new, a failure or a kill before COMMIT publishes none, and each table keeps its grants, policies and history.
BEGIN TRANSACTION NAME session_publish;
-- statement: swap/publish.publish_log_write.sql
INSERT INTO session_meta.publishes (publish_id, models, published_at) VALUES ('session-run <id of the run>', 'events_merge,kind_totals,events_append,event_history,kind_history', SYSDATE());
-- statement: swap/publish.publish_commit.sql
COMMIT;
