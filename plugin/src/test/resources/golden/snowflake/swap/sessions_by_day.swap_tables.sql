-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.sessions_by_day SWAP WITH analytics.sessions_by_day__shadow;
