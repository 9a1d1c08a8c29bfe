SELECT COUNT(*) FROM analytics.stg_events;
