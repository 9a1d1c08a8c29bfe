DROP TABLE IF EXISTS analytics.event_history__batch;
