MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:events_append' AS node, 'definition' AS kind, 'bc544f974d986597fe5d6cbafaf12967a3406b0c0ff4a582357a138b0ae8f64e' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
