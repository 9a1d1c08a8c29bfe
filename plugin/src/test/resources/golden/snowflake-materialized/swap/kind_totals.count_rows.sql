SELECT COUNT(*) FROM analytics.kind_totals;
