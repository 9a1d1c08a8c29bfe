-- statement: meta/source.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'source';
-- statement: meta/source.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'source';
