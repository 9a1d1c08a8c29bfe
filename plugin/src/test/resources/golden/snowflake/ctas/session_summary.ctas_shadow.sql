-- No COPY GRANTS: it would copy the grants of a stale shadow and suppress the schema's future grants;
-- readers' grants are given explicitly (grant_select) before the swap, because grants travel with the table.
CREATE OR REPLACE TABLE analytics.session_summary__shadow AS
-- One row per session seen in both files: who, through which channel, when.
SELECT usc.userId,
       usc.sessionId,
       usc.channel,
       st.ts
FROM raw.user_session_channel_table AS usc
JOIN raw.session_timestamp_table AS st
  ON usc.sessionId = st.sessionId;
