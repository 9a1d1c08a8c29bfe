package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints decide what a run redoes: a change rebuilds the model and its descendants, and nothing else. */
class IncrementalRunTest {

    @TempDir
    Path dir;

    /** session_summary reads both sources; channel_counts reads session_summary; users reads one source. */
    @BeforeEach
    void project() throws Exception {
        TestProjects.sample(dir, 800);
        TestProjects.channelCounts(dir);
        write(dir, "models/users.sql.mustache",
                "SELECT DISTINCT userId FROM {{#source}}user_session_channel{{/source}}");
    }

    List<String> run(RunOptions options) {
        List<String> log = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, null, options, log);
        return log;
    }

    List<String> run() {
        return run(RunOptions.DEFAULTS);
    }

    static Set<String> built(List<String> log) {
        Set<String> names = new TreeSet<>();
        log.stream().filter(l -> l.startsWith("ctas ")).forEach(l -> names.add(l.split("\\s+")[1]));
        return names;
    }

    static Set<String> staged(List<String> log) {
        Set<String> names = new TreeSet<>();
        log.stream().filter(l -> l.startsWith("stage ")).forEach(l -> names.add(l.split("\\s+")[1]));
        return names;
    }

    @Test
    void aRerunWithNothingChangedSkipsEverythingAndSaysWhy() {
        assertEquals(Set.of("channel_counts", "session_summary", "users"), built(run()));
        List<String> log = run();
        assertEquals(Set.of(), built(log));
        assertEquals(Set.of(), staged(log));
        assertTrue(log.stream().anyMatch(l -> l.matches("skip +session_summary +unchanged since its last publish "
                + "\\(fingerprint [0-9a-f]{12}\\)")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("skip +user_session_channel +unchanged files.*")), log.toString());
        assertTrue(log.contains("nothing changed since the last verified publish; -Dsession.full=true rebuilds everything"));
    }

    @Test
    void aChangedModelRebuildsItAndItsDescendantsOnly() throws Exception {
        run();
        write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL + "WHERE usc.channel <> 'Naver'\n");
        List<String> log = run();
        assertEquals(Set.of("channel_counts", "session_summary"), built(log));
        assertEquals(Set.of(), staged(log), "no source changed");
        assertEquals(List.of("0"), query(dir, "SELECT COUNT(*) FROM analytics.channel_counts WHERE channel = 'Naver'"),
                "the descendant was rebuilt from the new upstream");

        write(dir, "models/channel_counts.sql.mustache",
                "SELECT channel, COUNT(*) AS n FROM {{#ref}}session_summary{{/ref}} GROUP BY channel");
        assertEquals(Set.of("channel_counts"), built(run()), "a leaf change rebuilds only the leaf");
    }

    @Test
    void aChangedInputFileRebuildsWhatReadsIt() throws Exception {
        run();
        Path file = dir.resolve("data/session_timestamp.csv");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 50));
        List<String> log = run();
        assertEquals(Set.of("session_timestamp"), staged(log));
        assertEquals(Set.of("channel_counts", "session_summary"), built(log));
        assertEquals(Set.of("channel_counts", "session_summary", "users"), built(run(RunOptions.DEFAULTS.withThreads(2,
                true))), "-Dsession.full=true rebuilds all");
    }

    @Test
    void parallelBuildsPublishTheSameTablesAsOneThread() throws Exception {
        for (int i = 0; i < 8; i++) {
            write(dir, "models/by_channel_" + i + ".sql.mustache", "SELECT userId, COUNT(*) AS n FROM "
                    + "{{#ref}}session_summary{{/ref}} WHERE hash(sessionId) % 8 = " + i + " GROUP BY userId");
        }
        List<String> parallel = run(RunOptions.DEFAULTS.withThreads(4, true));
        assertTrue(parallel.stream().anyMatch(l -> l.contains("[11/11]")), parallel.toString());
        List<String> tables = query(dir, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "'analytics' AND table_name NOT LIKE '%shadow' ORDER BY 1");
        List<String> withFour = checksums(tables);
        run(RunOptions.DEFAULTS.withThreads(1, true));
        assertEquals(withFour, checksums(tables));
        assertEquals(11, tables.size());
    }

    List<String> checksums(List<String> tables) throws Exception {
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            out.add(t + "=" + query(dir, "SELECT COUNT(*) || ':' || COALESCE(SUM(hash(COLUMNS(*))), 0) FROM analytics."
                    + t).get(0));
        }
        return out;
    }
}
