SELECT COUNT(*) FROM analytics.kind_history;
