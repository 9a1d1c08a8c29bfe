package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.append;
import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.run;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each built-in check, made to fail on purpose: the run fails, reports say why, the published table stays. */
class CheckCatalogueTest {

    static final String PUBLISHED = "SELECT * FROM analytics.session_summary ORDER BY sessionId";

    /** @param onModel whether the check goes under the model (else under source session_timestamp) */
    record Case(String name, String check, boolean onModel, String dataChange, String expectedName) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unique", "unique: [userId]", true, null, "unique_userId"),
                new Case("not_null", "not_null: [channel]", true, "null-channel", "not_null_channel"),
                new Case("no_duplicate_rows", "no_duplicate_rows: {name: dupes}", true, "duplicate", "dupes"),
                new Case("accepted_values", "accepted_values: {column: channel, values: [Organic]}", true, null,
                        "accepted_values_channel"),
                new Case("relationships", "relationships: {column: sessionId, to: user_session_channel}", false, null,
                        "relationships_sessionId"),
                new Case("row_count", "row_count: {min: 1, max: 10}", true, null, "row_count"),
                new Case("row_count within_percent", "row_count: {within_percent: 10, name: stable}", true, "halve",
                        "stable"),
                new Case("fresh", "fresh: {column: ts, max_age: 1d}", false, null, "fresh_ts"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failingCheckBlocksPublishingAndIsReported(Case c) throws Exception {
        TestProjects.sample(dir, 400);
        run(dir, Goal.RUN);
        List<String> before = query(dir, PUBLISHED);

        String descriptor = TestProjects.DESCRIPTOR;
        descriptor = c.onModel() ? descriptor + "      - " + c.check() + "\n"
                : descriptor.replace("columns: {sessionId: VARCHAR, ts: TIMESTAMP}",
                        "columns: {sessionId: VARCHAR, ts: TIMESTAMP}\n    checks: [" + c.check() + "]");
        write(dir, "pipeline.yaml", descriptor);
        change(c.dataChange());

        SessionException e = failure(() -> run(dir, Goal.RUN));
        assertEquals(SessionException.Kind.CHECK, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("check " + c.expectedName() + " on "), e.getMessage());
        assertEquals(before, query(dir, PUBLISHED), "the published table is unchanged");

        String subject = c.onModel() ? "session_summary" : "session_timestamp";
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("target/session-reports/TEST-session." + subject + ".xml").toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        Element failed = null;
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            if (tc.getAttribute("name").equals(c.expectedName())) {
                failed = tc;
            }
        }
        assertTrue(failed != null && failed.getElementsByTagName("failure").getLength() == 1, "XML shows the failure");
        String message = ((Element) failed.getElementsByTagName("failure").item(0)).getAttribute("message");
        assertTrue(message.matches("check " + c.expectedName() + " on " + subject + ": [1-9][\\d]* failing rows?.*"),
                message);

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("target/session-reports/run_results.json")));
        assertEquals("failure", json.get("status").asText());
        JsonNode check = null;
        for (JsonNode n : json.get("checks")) {
            if (n.get("name").asText().equals(c.expectedName())) {
                check = n;
            }
        }
        assertEquals("failed", check.get("status").asText());
        long failing = check.get("failing_rows").asLong();
        assertTrue(failing > 0);
        assertEquals(List.of(String.valueOf(failing)),
                query(dir, "SELECT COUNT(*) FROM audit." + subject + "__" + c.expectedName()), "failing rows are kept");
    }

    private void change(String what) throws Exception {
        if (what == null) {
            return;
        }
        Path channels = dir.resolve("data/user_session_channel.csv");
        switch (what) {
            case "null-channel" -> {
                append(dir, "data/user_session_channel.csv", "9,nullchan01,\n");
                append(dir, "data/session_timestamp.csv", "nullchan01,2019-06-01 10:00:00.000\n");
            }
            case "duplicate" -> append(dir, "data/user_session_channel.csv",
                    Files.readAllLines(channels).get(3) + "\n");
            case "halve" -> {
                List<String> lines = Files.readAllLines(channels);
                Files.write(channels, lines.subList(0, lines.size() / 2));
            }
            default -> throw new IllegalArgumentException(what);
        }
    }

    @Test
    void warnOnlyFailureStillPublishes() throws Exception {
        TestProjects.sample(dir, 300);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR
                + "      - accepted_values: {column: channel, values: [Organic], severity: warn}\n");
        var report = run(dir, Goal.RUN);
        assertTrue(report.succeeded());
        assertEquals(1, report.checks().stream().filter(r -> r.status().name().equals("WARNED")).count());
        assertTrue(Long.parseLong(query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0)) > 250);
    }

    @Test
    void checksThatNeverRanAreReportedAsSkipped() throws Exception {
        TestProjects.sample(dir, 50);
        write(dir, "models/session_summary.sql.mustache", "SELECT 1 / 0 AS x, 'a' || 1 + 'b' AS y");
        failure(() -> run(dir, Goal.TEST));
        var xml = Files.readString(dir.resolve("target/session-reports/TEST-session.session_summary.xml"));
        assertTrue(xml.contains("skipped=\"2\""), xml);
        assertTrue(xml.contains("<skipped message=\"not run: the run stopped before this check\""), xml);
    }
}
