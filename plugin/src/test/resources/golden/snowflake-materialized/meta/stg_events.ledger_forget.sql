DELETE FROM session_meta.shadows WHERE model = 'stg_events';
