DELETE FROM session_meta.shadows WHERE model = 'events_merge';
