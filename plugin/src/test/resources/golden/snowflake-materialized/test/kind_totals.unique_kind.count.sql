SELECT COUNT(*) FROM audit.kind_totals__unique_kind;
