MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:sessions_by_day' AS node, 'definition' AS kind, '4b0dedc3b29923bab6ff136941a0050eeb7e4321810fa23c5be005568c0ceda8' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
