-- statement: meta/model.fingerprint_read.sql
SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'model';
