package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every materialization on a real DuckDB file, run after run, against a full rebuild of the same data. */
class MaterializationsTest {

    private static final List<String> MODELS = List.of("stg_events", "events_append", "events_merge", "kind_totals");

    @TempDir
    Path incremental;

    @TempDir
    Path full;

    @Test
    void incrementalRunsPublishWhatAFullRebuildPublishes() throws Exception {
        ShopProject.write(incremental);
        List<String> first = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, first);
        assertLogged(first, "events_append", "full build: first build");

        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        List<String> second = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, second);
        String log = String.join("\n", second);
        assertTrue(log.contains("(incremental append: batch of 3 row(s)"), log);
        assertTrue(log.contains("(incremental merge on id: batch of 3 row(s)"), log);
        assertTrue(log.contains("(incremental delete+insert on kind: batch of 2 row(s)"), log);
        String serving = java.nio.file.Files.readString(incremental.resolve("target/session/rendered/serving.sql"));
        assertTrue(!serving.contains("copy.events_append") && serving.contains("copy.kind_history"), serving);
        assertTrue(java.nio.file.Files.readString(incremental.resolve("target/session/rendered/events_append.sql"))
                .contains("-- statement: swap/events_append.apply_batch.sql"), "the batch applied in the serving file");

        ShopProject.write(full);
        TestProjects.append(full, "data/events.csv", ShopProject.DAY_TWO);
        TestProjects.run(full, Goal.RUN);
        for (String model : MODELS) {
            assertEquals(rows(full, model), rows(incremental, model), model);
            assertEquals(rows(full, model), TestProjects.queryFile(incremental.resolve(
                    "target/session-serving.duckdb"), "SELECT * FROM analytics." + model + " ORDER BY ALL"),
                    model + " in the serving file, where the batch was applied to a copy of the previous one");
        }
        assertEquals(List.of("book|62", "ink|3", "pen|5"), TestProjects.query(incremental,
                "SELECT kind, total FROM analytics.kind_totals ORDER BY kind"));
        assertEquals(List.of("2|25"), TestProjects.query(incremental,
                "SELECT id, amount FROM analytics.events_merge WHERE id = 2"));
    }

    @Test
    void viewsArePublishedAsViewsAndEphemeralModelsAreNeverCreated() throws Exception {
        ShopProject.write(incremental);
        TestProjects.run(incremental, Goal.RUN);
        assertEquals(List.of("event_history|BASE TABLE", "events_append|BASE TABLE", "events_merge|BASE TABLE",
                "kind_history|BASE TABLE", "kind_totals|BASE TABLE", "stg_events|VIEW"),
                TestProjects.query(incremental, "SELECT table_name, table_type FROM "
                + "information_schema.tables WHERE table_schema = 'analytics' ORDER BY 1"));
        // readers open the serving file: the view is there too and reads the tables there
        assertEquals(List.of("4"), TestProjects.queryFile(incremental.resolve("target/session-serving.duckdb"),
                "SELECT count(*) FROM analytics.stg_events"));
        // a second run republishes the view over the new rows
        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        TestProjects.run(incremental, Goal.RUN);
        assertEquals(List.of("7"), TestProjects.queryFile(incremental.resolve("target/session-serving.duckdb"),
                "SELECT count(*) FROM analytics.stg_events"));
    }

    @Test
    void modelsArePublishedInTheSchemaTheirEntryOrFolderNames() throws Exception {
        ShopProject.write(incremental);
        TestProjects.write(incremental, "pipeline.yaml", ShopProject.DESCRIPTOR
                .replace("staging: {materialized: view, tags: [staging]}",
                        "staging: {materialized: view, tags: [staging], schema: staging}")
                .replace("    strategy: delete+insert\n", "    strategy: delete+insert\n    schema: marts\n"));
        TestProjects.run(incremental, Goal.RUN);
        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        List<String> log = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, log);
        assertLogged(log, "kind_totals", "incremental delete+insert");
        String where = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema "
                + "IN ('analytics', 'staging', 'marts') AND table_name NOT LIKE '%shadow' ORDER BY 1";
        List<String> expected = List.of("analytics.event_history", "analytics.events_append", "analytics.events_merge",
                "analytics.kind_history", "marts.kind_totals", "staging.stg_events");
        assertEquals(expected, TestProjects.query(incremental, where));
        assertEquals(expected, TestProjects.queryFile(incremental.resolve("target/session-serving.duckdb"), where));
        assertEquals(List.of("book|62", "ink|3", "pen|5"), TestProjects.query(incremental,
                "SELECT kind, total FROM marts.kind_totals ORDER BY kind"));

        TestProjects.write(incremental, "pipeline.yaml", ShopProject.DESCRIPTOR.replace(
                "    strategy: delete+insert\n", "    strategy: delete+insert\n    schema: audit\n"));
        SessionException clash = TestProjects.failure(() -> TestProjects.run(incremental, Goal.RUN));
        assertTrue(clash.getMessage().contains("schema 'audit' holds the run's own tables"), clash.getMessage());
    }

    @Test
    void snapshotsKeepEveryVersion() throws Exception {
        ShopProject.write(incremental);
        TestProjects.run(incremental, Goal.RUN);
        assertEquals(List.of("1|10|2024-01-01 09:00:00|null", "2|20|2024-01-01 10:00:00|null",
                "3|5|2024-01-01 11:00:00|null"), history());
        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        List<String> log = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, log);
        assertLogged(log, "event_history", "snapshot: 3 new version(s)");
        // updated_at: event 2's first version ends when its second starts
        assertEquals(List.of("1|10|2024-01-01 09:00:00|null", "2|20|2024-01-01 10:00:00|2024-01-02 10:00:00",
                "2|25|2024-01-02 10:00:00|null", "3|5|2024-01-01 11:00:00|null", "5|7|2024-01-02 09:00:00|null",
                "6|3|2024-01-02 11:00:00|null"), history());
        // check_cols: book's total changed (a new version at the run's time), pen's did not, ink is new
        assertEquals(List.of("book|30|false", "book|62|true", "ink|3|true", "pen|5|true"), TestProjects.query(
                incremental, "SELECT kind, total, valid_to IS NULL FROM analytics.kind_history ORDER BY ALL"));
        assertEquals(List.of("1"), TestProjects.query(incremental, "SELECT count(*) FROM analytics.kind_history "
                + "WHERE kind = 'book' AND valid_to = (SELECT valid_from FROM analytics.kind_history WHERE kind = "
                + "'book' AND valid_to IS NULL)"));
        // a run with nothing new adds no version
        List<String> full = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, null, RunOptions.DEFAULTS.withThreads(1, true), full);
        assertEquals(List.of("6"), TestProjects.query(incremental, "SELECT count(*) FROM analytics.event_history"));
        assertLogged(full, "event_history", "snapshot: 0 new version(s)");
    }

    @Test
    void aDuplicateKeyInTheBatchFailsTheRunAndKeepsThePublishedRows() throws Exception {
        ShopProject.write(incremental);
        TestProjects.run(incremental, Goal.RUN);
        List<String> before = rows(incremental, "events_merge");
        List<String> viewBefore = TestProjects.query(incremental, "SELECT * FROM analytics.stg_events ORDER BY ALL");
        // two new versions of event 1 at the same time: the batch's own dedup keeps both, the key check fails
        TestProjects.append(incremental, "data/events.csv", "1,book,11,2024-01-03 09:00:00\n"
                + "7,book,1,2024-01-03 09:00:00\n");
        TestProjects.write(incremental, "models/marts/events_merge.sql.mustache", """
                SELECT id, kind, amount, ts FROM {{#ref}}base_events{{/ref}}
                {{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}
                """);
        TestProjects.write(incremental, "pipeline.yaml", ShopProject.DESCRIPTOR.replace(
                "strategy: merge\n    unique_key: id", "strategy: append"));
        SessionException failed = TestProjects.failure(() -> TestProjects.run(incremental, Goal.RUN));
        assertTrue(failed.getMessage().contains("unique"), failed.getMessage());
        assertEquals(before, rows(incremental, "events_merge"));
        // the run reloaded the source before its checks failed: the published view over it still shows what passed
        assertEquals(viewBefore, TestProjects.query(incremental, "SELECT * FROM analytics.stg_events ORDER BY ALL"));
        assertEquals(List.of("6"), TestProjects.query(incremental, "SELECT count(*) FROM raw.events_table"));
    }

    @Test
    void aMergeBatchHoldingAPublishedKeyTwiceStopsBeforeItsChecks() throws Exception {
        ShopProject.write(incremental);
        TestProjects.write(incremental, "models/marts/events_merge.sql.mustache", """
                SELECT id, kind, amount, ts FROM {{#ref}}base_events{{/ref}}
                {{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}
                """);
        TestProjects.write(incremental, "pipeline.yaml", ShopProject.DESCRIPTOR
                .replace("checks: [{unique: [id]}]", "checks: []")
                .replace("checks: [{unique: [id, valid_from]}]", "checks: []"));
        TestProjects.run(incremental, Goal.RUN);
        List<String> published = rows(incremental, "events_merge");
        TestProjects.append(incremental, "data/events.csv", "2,book,11,2024-01-04 09:00:00\n"
                + "2,book,12,2024-01-04 09:00:00\n");
        SessionException failed = TestProjects.failure(() -> TestProjects.run(incremental, Goal.RUN));
        assertTrue(failed.getMessage().contains("events_merge") && failed.getMessage().contains("more than once")
                && failed.hint().contains("delete+insert"), failed.getMessage());
        assertEquals(published, rows(incremental, "events_merge"));
    }

    @Test
    void aChangedModelIsRebuiltInFullAndSaysWhy() throws Exception {
        ShopProject.write(incremental);
        TestProjects.run(incremental, Goal.RUN);
        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        TestProjects.write(incremental, "models/marts/events_append.sql.mustache", """
                SELECT id, kind, amount, ts
                FROM {{#ref}}base_events{{/ref}}
                {{#incremental}}WHERE ts >= (SELECT max(ts) FROM {{this}}){{/incremental}}
                """);
        List<String> log = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, log);
        assertLogged(log, "events_append", "full build: the model's SQL or settings changed");
        List<String> again = new ArrayList<>();
        TestProjects.append(incremental, "data/events.csv", "8,pen,2,2024-01-04 09:00:00\n");
        TestProjects.run(incremental, Goal.RUN, null, again);
        assertLogged(again, "events_append", "incremental append");
    }

    @Test
    void fullRebuildsFromNothingWhenAsked() throws Exception {
        ShopProject.write(incremental);
        TestProjects.run(incremental, Goal.RUN);
        TestProjects.append(incremental, "data/events.csv", ShopProject.DAY_TWO);
        List<String> log = new ArrayList<>();
        TestProjects.run(incremental, Goal.RUN, null, null, RunOptions.DEFAULTS.withThreads(1, true), log);
        assertLogged(log, "kind_totals", "full build: -Dsession.full=true");
    }

    private List<String> history() throws SQLException {
        return TestProjects.query(incremental, "SELECT id, amount, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR) "
                + "FROM analytics.event_history ORDER BY ALL");
    }

    /** A log line about {@code model} says {@code what}. */
    private static void assertLogged(List<String> log, String model, String what) {
        assertTrue(log.stream().anyMatch(l -> l.contains(model) && l.contains(what)), String.join("\n", log));
    }

    private static List<String> rows(Path dir, String model) throws SQLException {
        return TestProjects.query(dir, "SELECT * FROM analytics." + model + " ORDER BY ALL");
    }
}
