DROP TABLE IF EXISTS analytics.kind_totals__shadow;
