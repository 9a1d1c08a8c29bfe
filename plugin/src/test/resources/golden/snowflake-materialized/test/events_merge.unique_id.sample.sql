SELECT * FROM audit.events_merge__unique_id LIMIT 5;
