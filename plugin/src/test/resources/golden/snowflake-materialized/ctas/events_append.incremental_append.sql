INSERT INTO analytics.events_append__shadow (id, kind, amount, ts)
SELECT id, kind, amount, ts FROM analytics.events_append__batch;
