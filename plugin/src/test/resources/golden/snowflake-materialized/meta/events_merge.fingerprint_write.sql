MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:events_merge' AS node, 'definition' AS kind, '03fe9b86f8cc7b7e676e10bb1e9c9b09846cebef14bdd60dd425cde95661ff40' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
