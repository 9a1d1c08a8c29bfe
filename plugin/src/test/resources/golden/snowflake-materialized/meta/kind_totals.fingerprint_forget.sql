DELETE FROM session_meta.fingerprints WHERE node = 'model:kind_totals';
