package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.reliability.RunInProcess;
import dev.sessionplugin.core.sample.SampleData;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.snowflake.emulator.StageStorage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL of a Snowflake run (a JVM of its own, talking to the emulator) at each point of a publish of two models,
 * version A to version B: readers see both models old or both new, never one of each, and the next run recovers
 * the dead run's lock (aborting its session, so a transaction it left open is rolled back) and publishes B.
 */
class SnowflakeKillMatrixTest {

    /** Where the run is stopped: at which statement, and whether the server had run it when the client died. */
    enum KillPoint {
        BEFORE_PUBLISH("BEGIN TRANSACTION NAME session_publish", false, false),
        BETWEEN_OVERWRITES("INSERT OVERWRITE INTO analytics\\.channel_counts", false, false),
        AT_COMMIT_NOT_RUN("^COMMIT", false, false),
        AT_COMMIT_RUN_ANSWER_LOST("^COMMIT", true, true),
        AFTER_COMMIT("DROP TABLE IF EXISTS analytics\\.session_summary__shadow", false, true);

        final String statement;
        final boolean serverRanIt;
        final boolean published;

        KillPoint(String statement, boolean serverRanIt, boolean published) {
            this.statement = statement;
            this.serverRanIt = serverRanIt;
            this.published = published;
        }
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;
    SnowflakeEmulator sf;

    @BeforeEach
    void versionA() throws Exception {
        sf = new SnowflakeEmulator().storage(StageStorage.folder("s3://feed/", dir.resolve("data")));
        SnowflakeProjects.write(dir, sf.jdbcUrl(), "s3://feed/", "", "");
        TestProjects.channelCounts(dir);
        SampleData.write(dir.resolve("data"), 200, 1);
        run();
    }

    @AfterEach
    void stop() {
        sf.close();
    }

    List<String> run() {
        List<String> log = new ArrayList<>();
        SnowflakeProjects.run(dir, Goal.RUN, null, "secret", log);
        return log;
    }

    /** What a reader sees of both models at once. */
    String state() {
        return sf.read("SELECT (SELECT COUNT(*) || '/' || COUNT(DISTINCT channel) || '/' || MIN(sessionId) FROM "
                + "analytics.session_summary) || ' + ' || (SELECT SUM(sessions) || '/' || COUNT(*) FROM "
                + "analytics.channel_counts)").get(0);
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void killLeavesBothModelsOldOrBothNewAndTheNextRunRecovers(KillPoint point) throws Exception {
        String a = state();
        SampleData.write(dir.resolve("data"), 300, 2);
        SnowflakeEmulator.Hold hold = sf.hold(point.statement);
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), RunInProcess.class.getName(), dir.toString(),
                "snowflake").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        child.environment().put("SNOWFLAKE_PASSWORD", "secret");
        Process run = child.start();
        hold.await();
        run.destroyForcibly(); // SIGKILL: no finally blocks, no logout; its session stays open on the server
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        hold.release(point.serverRanIt);

        String afterKill = state();
        List<String> log = run(); // recovers and publishes B
        String b = state();
        assertTrue(log.stream().anyMatch(l -> l.contains("recover the run lock of pid " + run.pid())
                && l.contains("a process of this host that is gone")), log.toString());
        assertTrue(!a.equals(b), "B differs from A: " + a);
        assertEquals(point.published ? b : a, afterKill, point + ": readers see all old or all new");
        assertEquals(List.of("free"), sf.read("SELECT COALESCE(holder, 'free') FROM session_meta.run_lease"));
    }
}
