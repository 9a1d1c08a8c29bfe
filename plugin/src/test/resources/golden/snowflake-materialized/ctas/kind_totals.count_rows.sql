SELECT COUNT(*) FROM analytics.kind_totals__shadow;
