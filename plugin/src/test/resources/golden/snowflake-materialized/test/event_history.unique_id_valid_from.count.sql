SELECT COUNT(*) FROM audit.event_history__unique_id_valid_from;
