-- Every row whose key is in the batch goes; the batch's rows are then inserted (incremental_append).
DELETE FROM analytics.kind_totals__shadow
USING analytics.kind_totals__batch AS b
WHERE analytics.kind_totals__shadow.kind = b.kind;
