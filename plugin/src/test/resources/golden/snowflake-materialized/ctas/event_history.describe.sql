SELECT * FROM analytics.event_history__batch LIMIT 0;
