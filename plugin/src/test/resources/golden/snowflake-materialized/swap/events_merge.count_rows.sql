SELECT COUNT(*) FROM analytics.events_merge;
