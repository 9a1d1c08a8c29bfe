DELETE FROM session_meta.shadows WHERE model = 'kind_totals';
