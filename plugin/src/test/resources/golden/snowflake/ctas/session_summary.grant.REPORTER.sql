GRANT SELECT ON TABLE analytics.session_summary__shadow TO ROLE REPORTER;
