SELECT COUNT(*) FROM analytics.events_append;
