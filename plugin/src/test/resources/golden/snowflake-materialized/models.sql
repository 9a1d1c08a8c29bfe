-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:stg_events', 'model:events_merge', 'model:kind_totals', 'model:events_append', 'model:event_history', 'model:kind_history');
-- statement: meta/models.fingerprint_forget.sql
DELETE FROM session_meta.fingerprints WHERE node IN ('model:stg_events', 'model:events_merge', 'model:kind_totals', 'model:events_append', 'model:event_history', 'model:kind_history');
