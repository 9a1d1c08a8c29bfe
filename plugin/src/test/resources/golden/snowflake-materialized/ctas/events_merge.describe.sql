SELECT * FROM analytics.events_merge LIMIT 0;
