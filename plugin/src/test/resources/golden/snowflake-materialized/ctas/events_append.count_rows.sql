SELECT COUNT(*) FROM analytics.events_append__shadow;
