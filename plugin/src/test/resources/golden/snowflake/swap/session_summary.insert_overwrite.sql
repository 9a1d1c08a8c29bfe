-- DML, so it can share the transaction (a SWAP or RENAME is DDL and would commit it). The object stays the same.
INSERT OVERWRITE INTO analytics.session_summary SELECT * FROM analytics.session_summary__shadow;
