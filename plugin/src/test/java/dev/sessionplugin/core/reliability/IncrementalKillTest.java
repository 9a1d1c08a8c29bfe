package dev.sessionplugin.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.sample.SampleData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kill matrix for an incremental model: a run that appends new sessions to its staging tables and adds them
 * as a batch over the published table is SIGKILLed while it loads and selects the batch, checks it, and applies
 * it at publish (work file, then serving file). The published table (work and serving file) is always exactly the
 * old or the new version, and the next run publishes the new one, equal to a full rebuild.
 */
class IncrementalKillTest {

    static final int SESSIONS = 1_000_000;
    static final int NEW_SESSIONS = 200_000;
    static final String DESCRIPTOR = TestProjects.DESCRIPTOR + "    materialized: incremental\n";
    static final String MODEL = TestProjects.MODEL
            + "{{#incremental}}WHERE st.ts > (SELECT max(ts) FROM {{this}}){{/incremental}}\n";

    @TempDir
    static Path data;
    static String versionA;
    static String versionB;

    static Stream<Object[]> points() {
        return Stream.of(
                new Object[] {"selecting the batch", "stage +session_timestamp +OK", 20},
                new Object[] {"building the overlay", "stage +session_timestamp +OK", 60},
                new Object[] {"during checks", "ctas +session_summary +OK", 5},
                new Object[] {"applying the batch at publish", "test +session_summary +OK .*no_duplicate_rows", 5},
                new Object[] {"writing the serving file", "test +session_summary +OK .*no_duplicate_rows", 60});
    }

    @BeforeAll
    static void versions() throws Exception {
        SampleData.write(data.resolve("a"), SESSIONS, 1);
        Files.createDirectories(data.resolve("b"));
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.copy(data.resolve("a").resolve(f), data.resolve("b").resolve(f));
        }
        try (Writer channels = Files.newBufferedWriter(data.resolve("b/user_session_channel.csv"),
                StandardOpenOption.APPEND);
             Writer stamps = Files.newBufferedWriter(data.resolve("b/session_timestamp.csv"), StandardOpenOption.APPEND)) {
            for (int i = 0; i < NEW_SESSIONS; i++) { // later than every session of version A
                channels.write("u" + (i % 997) + ",new" + i + ",Organic\n");
                stamps.write("new" + i + ",2031-01-01 " + String.format("%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60,
                        i % 60) + "." + String.format("%03d", i % 1000) + "\n");
            }
        }
        Path probe = data.resolve("probe");
        project(probe, "a");
        TestProjects.run(probe, Goal.RUN);
        versionA = KillMatrixTest.checksum(probe.resolve("target/session.duckdb"));
        project(probe, "b");
        List<String> log = new ArrayList<>();
        TestProjects.run(probe, Goal.RUN, null, log);
        assertTrue(log.stream().anyMatch(l -> l.contains("incremental append: batch of " + NEW_SESSIONS + " row(s)")),
                String.join("\n", log));
        versionB = KillMatrixTest.checksum(probe.resolve("target/session.duckdb"));
        Path full = data.resolve("full");
        project(full, "b");
        TestProjects.run(full, Goal.RUN);
        assertEquals(KillMatrixTest.checksum(full.resolve("target/session.duckdb")), versionB, "incremental = full");
        assertTrue(!versionA.equals(versionB));
    }

    static void project(Path dir, String version) throws IOException {
        TestProjects.write(dir, "pipeline.yaml", DESCRIPTOR);
        TestProjects.write(dir, "models/session_summary.sql.mustache", MODEL);
        Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.copy(data.resolve(version).resolve(f), dir.resolve("data").resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void killLeavesOldOrNewAndTheNextRunAddsTheBatch(String point, String after, int delayMillis, @TempDir Path dir)
            throws Exception {
        project(dir, "a");
        TestProjects.run(dir, Goal.RUN);
        project(dir, "b");
        Process run = TestProjects.javaProcess(RunInProcess.class, dir.toString());
        Pattern marker = Pattern.compile(after);
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (marker.matcher(line).find()) {
                    Thread.sleep(delayMillis);
                    run.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, run.exitValue(), point + ": killed before it finished: " + seen);
        String work = KillMatrixTest.checksum(dir.resolve("target/session.duckdb"));
        assertTrue(Set.of(versionA, versionB).contains(work), point + ": work file has " + work);
        String serving = KillMatrixTest.checksum(dir.resolve("target/session-serving.duckdb"));
        assertTrue(Set.of(versionA, versionB).contains(serving), point + ": serving file has " + serving);

        TestProjects.run(dir, Goal.RUN);
        assertEquals(versionB, KillMatrixTest.checksum(dir.resolve("target/session.duckdb")), point);
        assertEquals(versionB, KillMatrixTest.checksum(dir.resolve("target/session-serving.duckdb")), point);
    }
}
