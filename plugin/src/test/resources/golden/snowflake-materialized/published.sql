-- statement: swap/published.count_rows_each.sql
SELECT 'stg_events' AS name, COUNT(*) AS n FROM analytics.stg_events;
