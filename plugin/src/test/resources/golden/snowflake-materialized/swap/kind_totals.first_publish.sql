ALTER TABLE analytics.kind_totals__shadow RENAME TO analytics.kind_totals;
