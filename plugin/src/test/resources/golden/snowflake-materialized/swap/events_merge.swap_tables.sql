-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_merge SWAP WITH analytics.events_merge__shadow;
