-- A new table each run: no stale load metadata, so COPY never skips a file it saw before. TRANSIENT: it is
-- rebuilt from the files every run, so Fail-safe storage would only cost.
CREATE OR REPLACE TRANSIENT TABLE raw.events_table (id INTEGER, kind VARCHAR, amount INTEGER, ts TIMESTAMP_NTZ);
