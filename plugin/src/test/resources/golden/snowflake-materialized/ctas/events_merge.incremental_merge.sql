-- Rows whose key is in the batch take the batch's values; new keys are added. A key twice in the batch fails.
MERGE INTO analytics.events_merge__shadow AS t
USING analytics.events_merge__batch AS b
ON t.id = b.id
WHEN MATCHED THEN UPDATE SET id = b.id, kind = b.kind, amount = b.amount, ts = b.ts
WHEN NOT MATCHED THEN INSERT (id, kind, amount, ts)
VALUES (b.id, b.kind, b.amount, b.ts);
