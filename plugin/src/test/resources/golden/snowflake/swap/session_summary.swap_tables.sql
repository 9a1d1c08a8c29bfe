-- One statement, one transaction: readers see the old table or the new one, never neither.
ALTER TABLE analytics.session_summary SWAP WITH analytics.session_summary__shadow;
