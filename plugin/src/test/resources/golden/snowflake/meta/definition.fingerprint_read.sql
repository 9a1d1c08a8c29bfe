SELECT node, fingerprint FROM session_meta.fingerprints WHERE kind = 'definition';
