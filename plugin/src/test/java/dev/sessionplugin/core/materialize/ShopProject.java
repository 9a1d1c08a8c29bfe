package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A small project with every materialization: a staging view (from its folder's defaults, using a macro), an
 * ephemeral filter, three incremental models (append, merge, delete+insert), and two snapshots (one by
 * {@code updated_at}, one by {@code check_cols}).
 */
public final class ShopProject {

    public static final String DESCRIPTOR = """
            project: shop
            sources:
              events:
                uri: data/events.csv
                table: events_table
                columns: {id: INTEGER, kind: VARCHAR, amount: INTEGER, ts: TIMESTAMP}
            folders:
              staging: {materialized: view, tags: [staging]}
            models:
              base_events: {materialized: ephemeral}
              events_append:
                materialized: incremental
              events_merge:
                materialized: incremental
                strategy: merge
                unique_key: id
                checks: [{unique: [id]}]
              kind_totals:
                materialized: incremental
                strategy: delete+insert
                unique_key: kind
                checks: [{unique: [kind]}]
              event_history:
                materialized: snapshot
                unique_key: id
                updated_at: ts
                checks: [{unique: [id, valid_from]}]
              kind_history:
                materialized: snapshot
                unique_key: kind
                check_cols: [total]
            """;

    /** Day one: four events. */
    public static final String DAY_ONE = """
            id,kind,amount,ts
            1,book,10,2024-01-01 09:00:00
            2,book,20,2024-01-01 10:00:00
            3,pen,5,2024-01-01 11:00:00
            4,pen,,2024-01-01 12:00:00
            """;

    /** Day two: a new version of event 2, and a new kind. */
    public static final String DAY_TWO = """
            5,book,7,2024-01-02 09:00:00
            2,book,25,2024-01-02 10:00:00
            6,ink,3,2024-01-02 11:00:00
            """;

    private ShopProject() {
    }

    public static Path write(Path dir) throws IOException {
        TestProjects.write(dir, "pipeline.yaml", DESCRIPTOR);
        TestProjects.write(dir, "data/events.csv", DAY_ONE);
        TestProjects.write(dir, "macros/day_of.sql.mustache", "CAST(ts AS DATE)");
        TestProjects.write(dir, "models/staging/stg_events.sql.mustache",
                "SELECT id, kind, amount, ts, {{> day_of}} AS day FROM {{#source}}events{{/source}}");
        TestProjects.write(dir, "models/base_events.sql.mustache", """
                -- events with an amount
                SELECT id, kind, amount, ts FROM {{#ref}}stg_events{{/ref}} WHERE amount IS NOT NULL
                """);
        TestProjects.write(dir, "models/marts/events_append.sql.mustache", """
                SELECT id, kind, amount, ts
                FROM {{#ref}}base_events{{/ref}}
                {{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}
                """);
        TestProjects.write(dir, "models/marts/events_merge.sql.mustache", """
                WITH latest AS (
                  SELECT id, kind, amount, ts,
                         row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS version
                  FROM {{#ref}}base_events{{/ref}}
                  {{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}
                )
                SELECT id, kind, amount, ts FROM latest WHERE version = 1
                """);
        TestProjects.write(dir, "models/marts/kind_totals.sql.mustache", """
                SELECT kind, sum(amount) AS total, max(ts) AS last_ts
                FROM {{#ref}}base_events{{/ref}}
                {{#incremental}}WHERE kind IN (SELECT kind FROM {{#ref}}base_events{{/ref}}
                                               WHERE ts > (SELECT max(last_ts) FROM {{this}})){{/incremental}}
                GROUP BY kind
                """);
        TestProjects.write(dir, "models/history/event_history.sql.mustache",
                "SELECT id, kind, amount, ts FROM {{#ref}}events_merge{{/ref}}");
        TestProjects.write(dir, "models/history/kind_history.sql.mustache",
                "SELECT kind, total FROM {{#ref}}kind_totals{{/ref}}");
        return dir;
    }
}
