-- statement: swap/published.count_rows_each.sql
SELECT 'session_summary' AS name, COUNT(*) AS n FROM analytics.session_summary UNION ALL
SELECT 'sessions_by_day' AS name, COUNT(*) AS n FROM analytics.sessions_by_day;
