SELECT * FROM audit.kind_totals__unique_kind LIMIT 5;
