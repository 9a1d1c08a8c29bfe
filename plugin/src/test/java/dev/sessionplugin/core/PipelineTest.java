package dev.sessionplugin.core;

import static dev.sessionplugin.core.TestProjects.append;
import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.run;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole goals on a real DuckDB file. */
class PipelineTest {

    static final String JOIN = "SELECT u.userId, u.sessionId, u.channel, CAST(t.ts AS TIMESTAMP) FROM "
            + "read_csv('%1$s/data/user_session_channel.csv', all_varchar=true) u JOIN "
            + "read_csv('%1$s/data/session_timestamp.csv', all_varchar=true) t ON u.sessionId = t.sessionId";
    static final String PUBLISHED = "SELECT userId, sessionId, channel, ts FROM analytics.session_summary";

    @TempDir
    Path dir;

    @Test
    void runPublishesExactlyTheInnerJoinAndRerunsTheSame() throws Exception {
        TestProjects.sample(dir, 2_000);
        RunReport first = run(dir, Goal.RUN);
        assertTrue(first.succeeded());
        List<String> expected = query(dir, "SELECT * FROM (" + JOIN.formatted(dir) + ") EXCEPT ALL SELECT * FROM ("
                + PUBLISHED + ")");
        assertEquals(List.of(), expected, "every joined row is published");
        List<String> extra = query(dir, "SELECT * FROM (" + PUBLISHED + ") EXCEPT ALL SELECT * FROM ("
                + JOIN.formatted(dir) + ")");
        assertEquals(List.of(), extra, "nothing else is published");
        List<String> count = query(dir, "SELECT COUNT(*) FROM analytics.session_summary");
        assertTrue(Long.parseLong(count.get(0)) > 1_900, count.toString());

        run(dir, Goal.RUN);
        assertEquals(count, query(dir, "SELECT COUNT(*) FROM analytics.session_summary"));
        assertEquals(List.of(), query(dir, "SELECT table_name FROM information_schema.tables WHERE table_name "
                + "LIKE '%\\_\\_shadow' ESCAPE '\\' OR table_name LIKE '%\\_\\_retired' ESCAPE '\\'"),
                "the publish leaves no shadow or retired table behind");
        assertTrue(Files.exists(dir.resolve("target/session-reports/run_results.json")));
    }

    @Test
    void failedCheckPublishesNothingAndKeepsTheFailingRows() throws Exception {
        TestProjects.sample(dir, 1_000);
        run(dir, Goal.RUN);
        List<String> before = query(dir, PUBLISHED + " ORDER BY sessionId");
        String line = Files.readAllLines(dir.resolve("data/user_session_channel.csv")).get(1);
        append(dir, "data/user_session_channel.csv", line + "\n");

        List<String> log = new ArrayList<>();
        SessionException e = failure(() -> run(dir, Goal.RUN, null, log));
        assertEquals(Kind.CHECK, e.kind());
        String key = line.split(",")[1];
        assertTrue(e.getMessage().contains("check unique_sessionId on session_summary: 1 failing row"), e.getMessage());
        assertTrue(e.getMessage().contains("sessionId=" + key), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
        assertEquals(before, query(dir, PUBLISHED + " ORDER BY sessionId"), "the published table is unchanged");
        assertEquals(List.of(key + "|2"), query(dir, "SELECT * FROM audit.session_summary__unique_sessionId"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN test") && l.contains("no_duplicate_rows")), log.toString());
    }

    @Test
    void testGoalChecksButNeverPublishes() throws Exception {
        TestProjects.sample(dir, 500);
        RunReport report = run(dir, Goal.TEST);
        assertEquals(2, report.checks().size());
        assertEquals(List.of("0"), query(dir, "SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = 'analytics' AND table_name = 'session_summary'"));
        assertEquals(List.of("1"), query(dir, "SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = 'analytics' AND table_name = 'session_summary__shadow'"));
    }

    @Test
    void swapPublishesOnlyShadowsCheckedSinceTheyWereBuilt() throws Exception {
        TestProjects.sample(dir, 500);
        SessionException refused = failure(() -> run(dir, Goal.SWAP));
        assertTrue(refused.getMessage().contains("refusing to publish session_summary"), refused.getMessage());

        run(dir, Goal.TEST);
        run(dir, Goal.CTAS); // rebuilt after the checks: its verdict is gone
        assertTrue(failure(() -> run(dir, Goal.SWAP)).getMessage().contains("refusing to publish"));

        run(dir, Goal.TEST);
        run(dir, Goal.SWAP);
        assertFalse(query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0).equals("0"));
        assertTrue(failure(() -> run(dir, Goal.SWAP)).getMessage().contains("refusing"), "a shadow publishes once");
    }

    @Test
    void malformedCsvNamesFileLineAndLeavesThePublishedTable() throws Exception {
        TestProjects.sample(dir, 300);
        run(dir, Goal.RUN);
        List<String> before = query(dir, PUBLISHED + " ORDER BY sessionId");
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("data/session_timestamp.csv")));
        lines.set(5, "abc,not-a-timestamp");
        Files.write(dir.resolve("data/session_timestamp.csv"), lines);

        SessionException e = failure(() -> run(dir, Goal.RUN));
        assertEquals(Kind.DATA, e.kind());
        assertEquals("data/session_timestamp.csv:6", e.location().toString());
        assertTrue(e.getMessage().contains("not-a-timestamp"), e.getMessage());
        assertEquals(before, query(dir, PUBLISHED + " ORDER BY sessionId"));
    }

    @Test
    void headerMismatchIsCaughtBeforeLoading() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "data/session_timestamp.csv", "sessionId,timestamp\nabc,2019-05-01 00:00:00\n");
        SessionException e = failure(() -> run(dir, Goal.STAGE));
        assertEquals("data/session_timestamp.csv:1", e.location().toString());
        assertTrue(e.getMessage().contains("header [sessionId, timestamp] does not match"), e.getMessage());
        write(dir, "data/session_timestamp.csv", "");
        assertTrue(failure(() -> run(dir, Goal.STAGE)).getMessage().contains("the file is empty"));
    }

    @Test
    void selectionBuildsUpstreamShadowsAndReadsUnselectedModelsAsPublished() throws Exception {
        TestProjects.sample(dir, 400);
        TestProjects.channelCounts(dir);
        run(dir, Goal.RUN);
        assertEquals(List.of("6"), query(dir, "SELECT COUNT(*) FROM analytics.channel_counts"));

        List<String> log = new ArrayList<>();
        run(dir, Goal.RENDER, "channel_counts", log);
        String ctas = TestProjects.rendered(dir, "ctas/channel_counts.ctas_shadow.sql");
        assertTrue(ctas.contains("FROM \"analytics\".\"session_summary\" GROUP BY"), ctas);
        run(dir, Goal.RENDER, "+channel_counts", log);
        ctas = TestProjects.rendered(dir, "ctas/channel_counts.ctas_shadow.sql");
        assertTrue(ctas.contains("FROM \"analytics\".\"session_summary__shadow\" GROUP BY"), ctas);
    }

    @Test
    void renderWritesEveryStatementWithoutADatabase() throws Exception {
        TestProjects.sample(dir, 10);
        run(dir, Goal.RENDER);
        for (String statement : List.of("stage/user_session_channel.load_csv.sql", "ctas/session_summary.ctas_shadow.sql",
                "test/session_summary.unique_sessionId.sql", "swap/session_summary.promote_shadow.sql",
                "swap/session_summary.drop_live.sql")) {
            assertFalse(TestProjects.rendered(dir, statement).isBlank(), statement);
        }
        try (var files = Files.list(dir.resolve("target/session/rendered"))) { // a file per model, source, ...
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(".written"))
                    .toList();
            assertTrue(names.containsAll(List.of("journal.sql", "session_summary.sql", "session_timestamp.sql",
                    "user_session_channel.sql")), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".sql")), "no folder per step: " + names);
        }
        assertFalse(Files.exists(dir.resolve("target/session.duckdb")), "render does not connect");
    }

    @Test
    void renderRewritesOnlyChangedFilesAndLeavesExactlyItsOwn() throws Exception {
        TestProjects.sample(dir, 10);
        TestProjects.channelCounts(dir);
        run(dir, Goal.RENDER);
        Path rendered = dir.resolve("target/session/rendered");
        Path source = rendered.resolve("session_timestamp.sql");
        Path summary = rendered.resolve("session_summary.sql");
        java.nio.file.attribute.FileTime sourceTime = Files.getLastModifiedTime(source);
        write(dir, "target/session/rendered/ctas/old_layout.ctas_shadow.sql", "SELECT 1;"); // a file per statement
        Files.writeString(summary, Files.readString(summary).replace("CREATE", "create")); // edited by hand
        Files.delete(dir.resolve("models/channel_counts.sql.mustache"));
        Thread.sleep(20);

        run(dir, Goal.RENDER);
        assertEquals(sourceTime, Files.getLastModifiedTime(source), "unchanged and untouched: not written again");
        assertTrue(Files.readString(summary).contains("CREATE OR REPLACE TABLE"), "edited by hand: written again");
        assertFalse(Files.exists(rendered.resolve("channel_counts.sql")), "a removed model's statements go");
        assertFalse(Files.exists(rendered.resolve("ctas")), "what an earlier layout left goes, folder and all");
        assertTrue(TestProjects.rendered(dir, "ctas/session_summary.ctas_shadow.sql").contains("__shadow"));
    }

    @Test
    void checkOnAnUnknownColumnNamesTheModelAndItsColumns() throws Exception {
        TestProjects.sample(dir, 50);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("unique: [sessionId]", "unique: [session_id]"));
        SessionException e = failure(() -> run(dir, Goal.TEST));
        assertTrue(e.getMessage().contains("names unknown column 'session_id'"), e.getMessage());
        assertTrue(e.hint().contains("userId, sessionId, channel, ts"), e.hint());
        assertEquals("pipeline.yaml:14:9", e.location().toString(), "found by compile, at the check");
    }

    @Test
    void brokenModelSqlPointsAtTheModelFile() throws Exception {
        TestProjects.sample(dir, 50);
        write(dir, "models/session_summary.sql.mustache", "SELECT nope FROM {{#source}}session_timestamp{{/source}}");
        SessionException e = failure(() -> run(dir, Goal.RUN));
        assertEquals(Kind.CONFIG, e.kind());
        assertEquals("models/session_summary.sql.mustache:1", e.location().toString());
        assertTrue(e.getMessage().contains("Binder Error"), e.getMessage());
        assertTrue(e.hint().contains("target/session/compiled/compile/session_summary.compile_model.sql"), e.hint());
        assertTrue(e.hint().contains("nothing was loaded or built"), e.hint());
    }

    @Test
    void customCheckAndWarnOnlyCheck() throws Exception {
        TestProjects.sample(dir, 300);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + """
                      - accepted_values: {column: channel, values: [Organic, Google], severity: warn}
                      - row_count: {min: 1}
                """);
        write(dir, "checks/no_future_sessions.sql.mustache",
                "SELECT * FROM {{#ref}}session_summary{{/ref}} WHERE ts > TIMESTAMP '2030-01-01'");
        RunReport report = run(dir, Goal.RUN);
        assertTrue(report.succeeded());
        assertEquals(5, report.checks().size());
        var warned = report.checks().stream().filter(c -> c.name().equals("accepted_values_channel")).findFirst()
                .orElseThrow();
        assertEquals(dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus.WARNED, warned.status());
        assertEquals(4, warned.failing(), "four other channels");

        write(dir, "checks/no_future_sessions.sql.mustache",
                "SELECT * FROM {{#ref}}session_summary{{/ref}} WHERE ts < TIMESTAMP '2030-01-01'");
        SessionException e = failure(() -> run(dir, Goal.RUN));
        assertTrue(e.getMessage().contains("check no_future_sessions on session_summary"), e.getMessage());
    }

    @Test
    void theEndOfARunNamesWhatItWroteAndTheSummaryFits120Columns() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "models/a_model_with_a_rather_long_descriptive_name.sql.mustache",
                "SELECT COUNT(*) AS n FROM {{#ref}}session_summary{{/ref}}");
        List<String> log = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("output serving file") && l.contains("session-serving.duckdb")),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("output reports        target/session-reports/")), log.toString());
        int table = log.indexOf(log.stream().filter(l -> l.startsWith("model / source")).findFirst().orElseThrow());
        for (String line : log.subList(table, log.size())) {
            assertTrue(line.length() <= 120, line.length() + ": " + line);
        }
        List<String> again = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, again);
        assertFalse(again.stream().anyMatch(l -> l.startsWith("model / source")), "a run that did nothing has no table");
    }

    @Test
    void everyRunKeepsItsLogWithTheErrorInTarget() throws Exception {
        TestProjects.sample(dir, 50);
        run(dir, Goal.RUN);
        append(dir, "data/session_timestamp.csv", "zz,not-a-time\n");
        failure(() -> run(dir, Goal.RUN));
        List<Path> logs;
        try (var list = Files.list(dir.resolve("target/session/logs"))) {
            logs = list.sorted().toList();
        }
        assertEquals(2, logs.size(), logs.toString());
        String first = Files.readString(logs.get(0));
        assertTrue(first.matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO +swap +session_summary +OK.*"), first);
        String second = Files.readString(logs.get(1));
        assertTrue(second.contains("ERROR data/session_timestamp.csv:"), second);
        assertTrue(logs.get(1).getFileName().toString().endsWith("-run.log"));
    }
}
