-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.kind_history SWAP WITH analytics.kind_history__shadow;
