SELECT * FROM analytics.kind_totals__shadow LIMIT 0;
