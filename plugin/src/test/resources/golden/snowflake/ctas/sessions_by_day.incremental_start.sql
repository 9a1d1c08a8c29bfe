-- A zero-copy clone of the published table: the batch is applied to the clone, never to the published table.
CREATE OR REPLACE TABLE analytics.sessions_by_day__shadow CLONE analytics.sessions_by_day;
