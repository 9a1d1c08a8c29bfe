SELECT * FROM analytics.kind_totals LIMIT 0;
