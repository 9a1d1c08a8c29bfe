CREATE OR REPLACE TRANSIENT TABLE analytics.event_history__batch AS
SELECT id, kind, amount, ts FROM analytics.events_merge__shadow;
