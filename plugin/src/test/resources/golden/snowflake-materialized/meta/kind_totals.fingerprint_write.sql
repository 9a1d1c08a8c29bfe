MERGE INTO session_meta.fingerprints AS f
USING (SELECT 'definition:kind_totals' AS node, 'definition' AS kind, 'ee04f026c06800942e18ec2d13c227eceac765529bd9e637b81665272b5a27b0' AS fingerprint) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
