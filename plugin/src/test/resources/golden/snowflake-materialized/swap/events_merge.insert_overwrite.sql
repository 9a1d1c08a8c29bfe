-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.events_merge SELECT * FROM analytics.events_merge__shadow;
