-- A new table each run: no stale load metadata, so COPY never skips a file it saw before.
CREATE OR REPLACE TABLE raw.session_timestamp_table (sessionId VARCHAR, ts TIMESTAMP);
