INSERT INTO analytics.kind_totals__shadow (kind, total, last_ts)
SELECT kind, total, last_ts FROM analytics.kind_totals__batch;
