DROP TABLE IF EXISTS analytics.events_append__batch;
