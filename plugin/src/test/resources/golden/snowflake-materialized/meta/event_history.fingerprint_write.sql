MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:event_history' AS node, 'definition' AS kind, 'a652349f89a3ff5d2aa854f58fc8fcd5624a45104a3f662996dc793ba75d1709' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
