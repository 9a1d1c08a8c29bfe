-- statement: meta/definition.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'definition';
