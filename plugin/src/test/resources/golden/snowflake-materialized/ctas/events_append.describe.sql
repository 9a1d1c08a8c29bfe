SELECT * FROM analytics.events_append LIMIT 0;
