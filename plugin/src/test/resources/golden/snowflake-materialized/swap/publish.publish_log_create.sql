-- One row per committed publish: after a COMMIT whose answer was lost, its row says whether it happened.
CREATE TABLE IF NOT EXISTS session_meta.publishes (publish_id VARCHAR, models VARCHAR, published_at TIMESTAMP_NTZ);
