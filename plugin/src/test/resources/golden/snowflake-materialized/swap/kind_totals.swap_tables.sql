-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_totals SWAP WITH analytics.kind_totals__shadow;
