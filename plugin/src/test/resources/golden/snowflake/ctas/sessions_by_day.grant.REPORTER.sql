GRANT SELECT ON TABLE analytics.sessions_by_day__shadow TO ROLE REPORTER;
