-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.event_history SWAP WITH analytics.event_history__shadow;
