-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.events_append SWAP WITH analytics.events_append__shadow;
