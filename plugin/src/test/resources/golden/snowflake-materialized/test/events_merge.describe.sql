SELECT * FROM analytics.events_merge__shadow LIMIT 0;
