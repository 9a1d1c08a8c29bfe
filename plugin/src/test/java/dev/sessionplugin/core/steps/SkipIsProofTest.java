package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run skips only what it can prove unchanged since the last verified publish. */
class SkipIsProofTest {

    @TempDir
    Path dir;

    List<String> log = new ArrayList<>();

    RunReport run() {
        log = new ArrayList<>();
        return TestProjects.run(dir, Goal.RUN, null, null, RunOptions.DEFAULTS, log);
    }

    /** Case 0: a failed load must not leave a fingerprint that vouches for the empty staging table it left. */
    @Test
    void aFailedLoadLeavesNoFingerprintSoTheNextRunReloads() throws Exception {
        TestProjects.sample(dir, 500);
        run();
        List<String> published = TestProjects.publishedRows(dir);
        Path ts = dir.resolve("data/session_timestamp.csv");
        List<String> good = Files.readAllLines(ts);
        List<String> broken = new ArrayList<>(good);
        broken.set(3, broken.get(3).split(",")[0] + ",not-a-time");
        Files.write(ts, broken);
        failure(this::run);

        Files.write(ts, good);
        write(dir, "models/session_summary.sql.mustache", "-- a comment only\n" + TestProjects.MODEL);
        assertTrue(run().succeeded());
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +session_timestamp +OK.*")),
                "the source whose load failed is loaded again: " + log);
        assertEquals(published, TestProjects.publishedRows(dir), "the full table is published again");
        assertEquals(TestProjects.innerJoinOfCsvs(dir).size(), published.size());
    }

    static final String FAMILY = """
            project: family
            sources:
              parent_rows:
                uri: data/parents.csv
                table: parent_rows
                columns: {parent_id: INTEGER, name: VARCHAR}
              child_rows:
                uri: data/children.csv
                table: child_rows
                columns: {child_id: INTEGER, parent_id: INTEGER}
            models:
              children:
                checks:
                  - relationships: {column: parent_id, to: parents, field: parent_id}
            """;

    /** Case 1: a check that reads another model runs again when that model changes, even if its own does not. */
    @Test
    void aCheckReadingAChangedModelRunsEvenWhenItsModelIsSkipped() throws Exception {
        write(dir, "pipeline.yaml", FAMILY);
        write(dir, "models/parents.sql.mustache", "SELECT * FROM {{#source}}parent_rows{{/source}}");
        write(dir, "models/children.sql.mustache", "SELECT * FROM {{#source}}child_rows{{/source}}");
        write(dir, "data/parents.csv", "parent_id,name\n1,a\n2,b\n");
        write(dir, "data/children.csv", "child_id,parent_id\n10,1\n11,2\n");
        assertTrue(run().succeeded());

        write(dir, "data/parents.csv", "parent_id,name\n1,a\n");
        SessionException e = failure(this::run);
        assertTrue(e.getMessage().contains("relationships"), e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.matches("skip +children +unchanged since its last publish.*")), log.toString());
        assertEquals(List.of("1", "2"), query(dir, "SELECT parent_id FROM analytics.parents ORDER BY 1"),
                "the parent that children still point to stays published");

        failure(this::run);
        assertFalse(log.stream().anyMatch(l -> l.startsWith("nothing changed")), "a failed check is not forgotten");

        write(dir, "data/children.csv", "child_id,parent_id\n10,1\n");
        assertTrue(run().succeeded());
        assertEquals(List.of("1"), query(dir, "SELECT parent_id FROM analytics.parents"));
        assertEquals(List.of("10"), query(dir, "SELECT child_id FROM analytics.children"));
        run();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("nothing changed")), log.toString());
        String xml = Files.readString(dir.resolve("target/session-reports/TEST-session.children.xml"));
        assertTrue(xml.contains("<skipped message=\"unchanged since the last publish (fingerprint "), xml);
        String json = Files.readString(dir.resolve("target/session-reports/run_results.json"));
        assertTrue(json.contains("\"reason\" : \"unchanged since the last publish (fingerprint "), json);
    }

    /** Case 3: a check that reads the clock runs on every run, on the published table when nothing was rebuilt. */
    @Test
    void aFreshCheckRunsEveryTimeAndFailsAStaleFeed() throws Exception {
        TestProjects.sample(dir, 200);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + "      - fresh: {column: ts, max_age: 48h}\n");
        String now = LocalDateTime.now().minusHours(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        TestProjects.append(dir, "data/user_session_channel.csv", "u-new,s-new,Direct\n");
        TestProjects.append(dir, "data/session_timestamp.csv", "s-new," + now + "\n");
        assertTrue(run().succeeded(), log.toString());

        run();
        assertTrue(log.stream().anyMatch(l -> l.matches("test +session_summary +OK .*fresh_ts")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("skip +session_summary +unchanged since its last publish.*")));

        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + "      - fresh: {column: ts, max_age: 30m}\n");
        SessionException e = failure(this::run);
        assertTrue(e.getMessage().contains("fresh"), e.getMessage());
        failure(this::run);
        assertTrue(log.stream().anyMatch(l -> l.contains("FAILED") && l.contains("fresh_ts")), log.toString());
    }

    /** A volatile model is rebuilt every run, and so is everything downstream of it. */
    @Test
    void aVolatileModelIsRebuiltEveryRun() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("models:\n", "models:\n  today:\n    volatile: true\n"));
        write(dir, "models/today.sql.mustache", "SELECT current_date AS day");
        write(dir, "models/today_count.sql.mustache", "SELECT COUNT(*) AS n FROM {{#ref}}today{{/ref}}");
        run();
        run();
        assertTrue(log.stream().anyMatch(l -> l.matches("ctas +today +OK.*")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("ctas +today_count +OK.*")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("skip +session_summary +unchanged.*")), log.toString());
    }

    @Test
    void crlfAndMixedLineEndingsLoad() throws Exception {
        TestProjects.sample(dir, 50);
        Path usc = dir.resolve("data/user_session_channel.csv");
        Path ts = dir.resolve("data/session_timestamp.csv");
        Files.writeString(usc, Files.readString(usc).replace("\n", "\r\n"));
        List<String> lines = Files.readAllLines(ts);
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            mixed.append(lines.get(i)).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Files.writeString(ts, mixed);
        assertTrue(run().succeeded(), log.toString());
        assertEquals(TestProjects.innerJoinOfCsvs(dir).size(), TestProjects.publishedRows(dir).size());
        assertEquals(List.of("0"), query(dir, "SELECT COUNT(*) FROM analytics.session_summary WHERE channel LIKE "
                + "'%' || chr(13) || '%' OR sessionId LIKE '%' || chr(13) || '%'"), "no carriage return is loaded");
    }

    @Test
    void aBrokenRowNamesFileLineAndColumn() throws Exception {
        TestProjects.sample(dir, 50);
        Path ts = dir.resolve("data/session_timestamp.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(ts));
        lines.set(7, lines.get(7).split(",")[0] + ",2019-13-45 10:00:00");
        Files.write(ts, lines);
        SessionException e = failure(this::run);
        assertEquals("data/session_timestamp.csv:8", e.location().toString());
        assertTrue(e.getMessage().contains("column 'ts'"), e.getMessage());
        assertTrue(e.getMessage().contains("fix that row"), e.getMessage());
    }

    @Test
    void renderRunsNoCheckAndSaysSo() throws Exception {
        TestProjects.sample(dir, 20);
        log = new ArrayList<>();
        RunReport report = TestProjects.run(dir, Goal.RENDER, null, log);
        assertTrue(report.checks().isEmpty());
        assertFalse(log.stream().anyMatch(l -> l.contains("FAILED")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("checks: 2 rendered, none run; succeeded")), log.toString());
    }
}
