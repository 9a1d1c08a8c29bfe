CREATE OR REPLACE TRANSIENT TABLE analytics.kind_history__batch AS
SELECT kind, total FROM analytics.kind_totals__shadow;
