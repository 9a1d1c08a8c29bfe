SELECT COUNT(*) FROM audit.events_merge__unique_id;
