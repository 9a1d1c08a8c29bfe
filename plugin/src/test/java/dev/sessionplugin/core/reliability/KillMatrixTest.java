package dev.sessionplugin.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.sample.SampleData;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL at six points of a run that replaces version A of the published table with version B: the published
 * table (work file and serving file) is always exactly A or B, never missing or partial, and the next run
 * succeeds with B without manual cleanup. Each point three times.
 */
class KillMatrixTest {

    static final int SESSIONS = 1_000_000;
    static final String CHECKSUM = "SELECT COUNT(*) || ':' || SUM(hash(sessionId, userId, channel, ts)) "
            + "FROM analytics.session_summary";

    @TempDir
    static Path data;
    static String versionA;
    static String versionB;

    /** @param after the progress line after which the kill comes, @param delayMillis how long after it */
    record KillPoint(String name, String after, int delayMillis, boolean mustInterrupt) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Object[]> points() {
        List<KillPoint> points = List.of(
                new KillPoint("during COPY", "plan +1 models", 500, true),
                new KillPoint("during CTAS", "stage +session_timestamp +OK", 15, true),
                new KillPoint("during checks", "ctas +session_summary +OK", 5, true),
                new KillPoint("between checks and swap", "test +session_summary +OK .*no_duplicate_rows", 0, true),
                new KillPoint("during swap and serving file", "test +session_summary +OK .*no_duplicate_rows", 60, true),
                new KillPoint("right after swap", "swap +session_summary +OK", 0, false));
        List<Object[]> cases = new ArrayList<>();
        for (KillPoint p : points) {
            for (int rep = 1; rep <= 3; rep++) {
                cases.add(new Object[] {p, rep});
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void versions() throws Exception {
        SampleData.write(data.resolve("a"), SESSIONS, 1);
        SampleData.write(data.resolve("b"), SESSIONS, 2);
        versionA = publish(data.resolve("probe-a"), "a");
        versionB = publish(data.resolve("probe-b"), "b");
        assertTrue(!versionA.equals(versionB));
    }

    static String publish(Path dir, String version) throws Exception {
        project(dir, version);
        TestProjects.run(dir, Goal.RUN);
        return checksum(dir.resolve("target/session.duckdb"));
    }

    static void project(Path dir, String version) throws Exception {
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
        Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.copy(data.resolve(version).resolve(f), dir.resolve("data").resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String checksum(Path file) throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, props);
             ResultSet rs = c.createStatement().executeQuery(CHECKSUM)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("points")
    void killLeavesOldOrNewAndTheNextRunSucceeds(KillPoint point, int rep, @TempDir Path dir) throws Exception {
        project(dir, "a");
        TestProjects.run(dir, Goal.RUN);
        project(dir, "b");

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), RunInProcess.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        Pattern marker = Pattern.compile(point.after());
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (marker.matcher(line).find()) {
                    Thread.sleep(point.delayMillis());
                    run.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                    break;
                }
            }
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen.stream().anyMatch(l -> marker.matcher(l).find()), "marker seen: " + seen);
        if (point.mustInterrupt()) {
            assertEquals(137, run.exitValue(), "killed before it finished: " + seen);
        }

        String work = checksum(dir.resolve("target/session.duckdb"));
        assertTrue(Set.of(versionA, versionB).contains(work), point + ": work file has " + work);
        String serving = checksum(dir.resolve("target/session-serving.duckdb"));
        assertTrue(Set.of(versionA, versionB).contains(serving), point + ": serving file has " + serving);

        Path lock = dir.resolve("target/session.duckdb.lock");
        boolean heldWhenKilled = Files.exists(lock) && !Files.readString(lock).isBlank();
        List<String> log = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, log);
        assertEquals(versionB, checksum(dir.resolve("target/session.duckdb")));
        assertEquals(versionB, checksum(dir.resolve("target/session-serving.duckdb")));
        if (heldWhenKilled) { // killed after taking the run lock: the next run must notice and tidy up
            assertTrue(log.stream().anyMatch(l -> l.contains("recover an earlier run was interrupted")), log.toString());
        }
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".tmp-")).toList());
        }
    }
}
