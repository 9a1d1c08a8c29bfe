SELECT COUNT(*) FROM analytics.kind_history__shadow;
