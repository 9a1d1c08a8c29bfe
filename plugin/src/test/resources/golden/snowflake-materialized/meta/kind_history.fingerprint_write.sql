MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:kind_history' AS node, 'definition' AS kind, '5591de62de483573e559844bc7c0a9b7471a635c2b92b99251a9ae4306434f0f' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
