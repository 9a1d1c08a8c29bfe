package dev.sessionplugin.core.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model unit tests: given rows in, expected rows out, on one in-memory engine, before anything is loaded. */
class UnitTestsTest {

    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    List<UnitTests.Outcome> unit() {
        return UnitTests.run(new RunRequest(Goal.UNIT, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null,
                null, null, "test", RunOptions.DEFAULTS), TestProjects.collecting(log));
    }

    void sampleTests() throws Exception {
        for (String name : List.of("session_in_one_file_only_is_dropped", "duplicate_channel_rows_show_up")) {
            Path from = Path.of("../sample-project/tests/session_summary/" + name + ".yaml");
            TestProjects.write(dir, "tests/session_summary/" + name + ".yaml", Files.readString(from));
        }
    }

    @Test
    void theSampleProjectsUnitTestsPassQuickly() throws Exception {
        TestProjects.sample(dir, 5);
        sampleTests();
        List<UnitTests.Outcome> outcomes = unit();
        assertEquals(2, outcomes.size());
        assertTrue(outcomes.stream().allMatch(UnitTests.Outcome::passed), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.millis() < 1_000), "one engine for all: " + outcomes);
        String xml = Files.readString(dir.resolve("target/session-reports/TEST-session-unit.session_summary.xml"));
        assertTrue(xml.contains("tests=\"2\"") && xml.contains("failures=\"0\""), xml);
    }

    /** The sample's incremental model, tested as a full build and as a run that adds to 'this' (its published rows). */
    @Test
    void incrementalModelsAreTestedInBothModes() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + """
                  sessions_by_day:
                    materialized: incremental
                    strategy: delete+insert
                    unique_key: [day, channel]
                """);
        Path sample = Path.of("../sample-project");
        TestProjects.write(dir, "models/sessions_by_day.sql.mustache",
                Files.readString(sample.resolve("models/marts/sessions_by_day.sql.mustache")));
        for (String name : List.of("counts_per_day_and_channel", "an_incremental_run_redoes_the_last_day")) {
            TestProjects.write(dir, "tests/sessions_by_day/" + name + ".yaml",
                    Files.readString(sample.resolve("tests/sessions_by_day/" + name + ".yaml")));
        }
        List<UnitTests.Outcome> outcomes = unit();
        assertEquals(2, outcomes.size());
        assertTrue(outcomes.stream().allMatch(UnitTests.Outcome::passed), outcomes.toString());

        // the incremental case compares the batch: without 'this', the same expectation misses day one
        String incremental = Files.readString(dir.resolve("tests/sessions_by_day/an_incremental_run_redoes_the_last_day.yaml"));
        TestProjects.write(dir, "tests/sessions_by_day/an_incremental_run_redoes_the_last_day.yaml",
                incremental.replaceAll("(?s)  this:.*?(?=  session_summary:)", ""));
        SessionException failed = TestProjects.failure(this::unit);
        assertTrue(failed.getMessage().contains("unexpected") && failed.getMessage().contains("2019-05-01"),
                failed.getMessage());

        TestProjects.write(dir, "tests/session_summary/this_on_a_table.yaml", """
                given:
                  this: [{sessionId: s1}]
                expect: []
                """);
        SessionException notIncremental = TestProjects.failure(this::unit);
        assertTrue(notIncremental.getMessage().contains("given rows for 'this', but model 'session_summary' is not "
                + "incremental"), notIncremental.getMessage());
    }

    @Test
    void unchangedInputsAreNotCompiledOrTestedAgainButAnyChangeIs() throws Exception {
        TestProjects.sample(dir, 5);
        sampleTests();
        assertEquals(2, unit().size());
        assertEquals(0, unit().size(), "nothing it reads changed since they passed");
        assertTrue(log.stream().anyMatch(l -> l.matches("compile unchanged since it last passed with its unit tests "
                + "\\(fingerprint [0-9a-f]{16}\\): nothing bound again")), log.toString());
        TestProjects.append(dir, "tests/session_summary/duplicate_channel_rows_show_up.yaml", "# touched\n");
        assertEquals(2, unit().size(), "a changed test file runs them again");
        TestProjects.append(dir, "models/session_summary.sql.mustache", "-- touched\n");
        assertEquals(2, unit().size(), "so does a changed model");
    }

    @Test
    void aFailureSaysWhatIsMissingUnexpectedAndChangedAndStopsTheRunBeforeLoading() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "tests/session_summary/wrong.yaml", """
                given:
                  user_session_channel:
                    - {userId: u1, sessionId: s1, channel: Naver}
                    - {userId: u2, sessionId: s2, channel: Google}
                  session_timestamp:
                    - {sessionId: s1, ts: "2019-05-01 10:00:00"}
                    - {sessionId: s2, ts: "2019-05-01 11:00:00"}
                expect:
                  - {sessionId: s1, channel: Direct}
                  - {sessionId: s9, channel: Google}
                """);
        SessionException e = TestProjects.failure(() -> TestProjects.run(dir, Goal.TEST, null, log));
        assertEquals(SessionException.Kind.CHECK, e.kind());
        assertEquals("tests/session_summary/wrong.yaml", e.location().toString());
        assertTrue(e.getMessage().contains("1 of 1 unit tests failed"), e.getMessage());
        assertTrue(e.getMessage().contains("changed sessionId=s1: channel expected Direct, got Naver;"), e.getMessage());
        assertTrue(e.getMessage().contains("missing    {sessionId: s9, channel: Google}"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected {sessionId: s2, channel: Google}"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("target/session.duckdb")), "nothing was loaded");
        String xml = Files.readString(dir.resolve("target/session-reports/TEST-session-unit.session_summary.xml"));
        assertTrue(xml.contains("<testcase name=\"wrong\"") && xml.contains("<failure message=\"2 missing"), xml);
    }

    @Test
    void unitTestsCanBeSkipped() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "tests/session_summary/wrong.yaml", "given: {}\nexpect: []\n");
        TestProjects.execute(new RunRequest(Goal.TEST, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null,
                null, "test", RunOptions.DEFAULTS, null, dev.sessionplugin.core.RunMode.DEFAULT.withUnits(false)), log);
        assertTrue(log.stream().noneMatch(l -> l.startsWith("unit ")), log.toString());
    }

    @Test
    void orderedExpectationsCompareByPosition() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "models/by_channel.sql.mustache",
                "SELECT channel, COUNT(*) AS n FROM {{#ref}}session_summary{{/ref}} GROUP BY channel ORDER BY n DESC");
        TestProjects.write(dir, "tests/by_channel/most_first.yaml", """
                given:
                  session_summary:
                    - {sessionId: a, channel: Naver}
                    - {sessionId: b, channel: Naver}
                    - {sessionId: c, channel: Direct}
                ordered: true
                expect:
                  - {channel: Naver, n: 2}
                  - {channel: Direct, n: 1}
                """);
        assertTrue(unit().get(0).passed(), log.toString());
    }

    @Test
    void givenRowsForSomethingThatIsNotASourceOrModelAreAConfigError() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "tests/session_summary/typo.yaml", "given:\n  sessions: []\nexpect: []\n");
        SessionException e = TestProjects.failure(this::unit);
        assertTrue(e.getMessage().contains("given rows for 'sessions', which is neither a source nor a model"),
                e.getMessage());
    }
}
