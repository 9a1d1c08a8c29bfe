-- A new table each run: no stale load metadata, so COPY never skips a file it saw before.
CREATE OR REPLACE TABLE raw.user_session_channel_table (userId VARCHAR, sessionId VARCHAR, channel VARCHAR);
