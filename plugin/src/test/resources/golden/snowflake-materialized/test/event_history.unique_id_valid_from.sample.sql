SELECT * FROM audit.event_history__unique_id_valid_from LIMIT 5;
