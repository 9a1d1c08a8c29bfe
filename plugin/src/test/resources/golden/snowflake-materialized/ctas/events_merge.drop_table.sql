DROP TABLE IF EXISTS analytics.events_merge__batch;
