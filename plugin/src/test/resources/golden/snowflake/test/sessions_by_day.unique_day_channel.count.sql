SELECT COUNT(*) FROM audit.sessions_by_day__unique_day_channel;
