-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.sessions_by_day SELECT * FROM analytics.sessions_by_day__shadow;
