-- statement: swap/published.count_rows_each.sql
SELECT 'stg_events' AS name, COUNT(*) AS n FROM analytics.stg_events UNION ALL
SELECT 'events_merge' AS name, COUNT(*) AS n FROM analytics.events_merge UNION ALL
SELECT 'kind_totals' AS name, COUNT(*) AS n FROM analytics.kind_totals UNION ALL
SELECT 'events_append' AS name, COUNT(*) AS n FROM analytics.events_append UNION ALL
SELECT 'event_history' AS name, COUNT(*) AS n FROM analytics.event_history UNION ALL
SELECT 'kind_history' AS name, COUNT(*) AS n FROM analytics.kind_history;
