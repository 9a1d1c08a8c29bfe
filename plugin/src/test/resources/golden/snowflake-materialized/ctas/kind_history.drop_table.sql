DROP TABLE IF EXISTS analytics.kind_history__batch;
