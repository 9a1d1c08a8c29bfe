SELECT COUNT(*) FROM analytics.event_history__shadow;
