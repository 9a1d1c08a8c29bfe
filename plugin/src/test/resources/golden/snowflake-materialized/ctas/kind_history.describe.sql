SELECT * FROM analytics.kind_history__batch LIMIT 0;
