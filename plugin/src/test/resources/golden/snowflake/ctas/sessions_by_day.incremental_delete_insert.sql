-- Every row whose key is in the batch goes; the batch's rows are then inserted (incremental_append).
DELETE FROM analytics.sessions_by_day__shadow
USING analytics.sessions_by_day__batch AS b
WHERE analytics.sessions_by_day__shadow.day = b.day AND analytics.sessions_by_day__shadow.channel = b.channel;
