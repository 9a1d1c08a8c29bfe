-- statement: meta/definitions.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('definition:events_merge', 'definition:kind_totals', 'definition:events_append', 'definition:event_history', 'definition:kind_history');
-- statement: meta/definitions.fingerprint_write.sql
MERGE INTO session_meta.fingerprints AS f
USING (
SELECT 'definition:events_merge' AS node, 'definition' AS kind, '03fe9b86f8cc7b7e676e10bb1e9c9b09846cebef14bdd60dd425cde95661ff40' AS fingerprint UNION ALL
SELECT 'definition:kind_totals' AS node, 'definition' AS kind, 'ee04f026c06800942e18ec2d13c227eceac765529bd9e637b81665272b5a27b0' AS fingerprint UNION ALL
SELECT 'definition:events_append' AS node, 'definition' AS kind, 'bc544f974d986597fe5d6cbafaf12967a3406b0c0ff4a582357a138b0ae8f64e' AS fingerprint UNION ALL
SELECT 'definition:event_history' AS node, 'definition' AS kind, 'a652349f89a3ff5d2aa854f58fc8fcd5624a45104a3f662996dc793ba75d1709' AS fingerprint UNION ALL
SELECT 'definition:kind_history' AS node, 'definition' AS kind, '5591de62de483573e559844bc7c0a9b7471a635c2b92b99251a9ae4306434f0f' AS fingerprint
) AS s ON f.node = s.node
WHEN MATCHED THEN UPDATE SET kind = s.kind, fingerprint = s.fingerprint, recorded_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (node, kind, fingerprint, recorded_at) VALUES (s.node, s.kind, s.fingerprint, CURRENT_TIMESTAMP());
