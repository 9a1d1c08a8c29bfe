DROP VIEW IF EXISTS analytics.stg_events__shadow;
