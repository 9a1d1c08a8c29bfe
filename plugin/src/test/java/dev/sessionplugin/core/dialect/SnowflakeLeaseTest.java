package dev.sessionplugin.core.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Snowflake run lease on its own, against the emulator: heartbeat, release of its own only, takeover races. */
class SnowflakeLeaseTest {

    @TempDir
    Path dir;
    SnowflakeEmulator sf;
    Pipeline.Setup setup;
    final List<Warehouse> opened = java.util.Collections.synchronizedList(new ArrayList<>()); // two claims at once
    final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    final Progress progress = TestProjects.collecting(warnings);

    @BeforeEach
    void start() throws Exception {
        sf = new SnowflakeEmulator();
        TestProjects.write(dir, "pipeline.yaml", """
                snowflake:
                  url: %s
                  account: myorg-myaccount
                  user: SESSION_SVC
                  warehouse: TRANSFORM_WH
                  database: SESSION_DB
                """.formatted(sf.jdbcUrl()) + TestProjects.DESCRIPTOR);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
        setup = Pipeline.setup(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"),
                "snowflake", null, null, "test", RunOptions.DEFAULTS.withCredentials(
                        id -> new Credentials(null, "secret", null, null, null))));
    }

    @AfterEach
    void stop() {
        opened.forEach(Warehouse::close);
        sf.close();
    }

    Warehouse connect() {
        Warehouse w = JdbcWarehouse.open(setup.dialect(), new RenderedFiles(dir.resolve("rendered"), "rendered"),
                new Retry(1, 0, line -> { }));
        opened.add(w);
        return w;
    }

    TableLock claim(Duration wait, Duration every) {
        return TableLock.acquire(connect(), setup.statements(), wait, progress, every);
    }

    String holder() {
        return sf.read("SELECT COALESCE(holder, 'free') FROM session_meta.run_lease").get(0);
    }

    @Test
    void theHeartbeatKeepsTheLeaseFreshFromASessionOfItsOwn() throws Exception {
        TableLock lease = claim(Duration.ZERO, Duration.ofMillis(100));
        sf.admin("UPDATE session_meta.run_lease SET heartbeat_at = DATEADD(minute, -30, SYSDATE())");
        Thread.sleep(1_000);
        assertEquals(List.of("1"), sf.read("SELECT COUNT(*) FROM session_meta.run_lease WHERE heartbeat_at > "
                + "DATEADD(minute, -1, SYSDATE())"), "beaten since it was made to look stale");
        lease.close();
        assertEquals("free", holder());
    }

    @Test
    void aRunFreesOnlyTheLeaseItStillHolds() {
        TableLock lease = claim(Duration.ZERO, Duration.ofMinutes(1));
        sf.admin("UPDATE session_meta.run_lease SET holder = 'pid 7 on elsewhere run 1234abcd'");
        lease.close();
        assertEquals("pid 7 on elsewhere run 1234abcd", holder(), "taken over meanwhile: not this run's to free");
    }

    @Test
    void ofTwoRunsTakingOverTheSameSilentHolderOnlyOneGetsIt() throws Exception {
        TableLock first = claim(Duration.ZERO, Duration.ofMinutes(1));
        String dead = holder();
        sf.admin("UPDATE session_meta.run_lease SET heartbeat_at = DATEADD(minute, -30, SYSDATE())");
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outcomes.add(two.submit(() -> {
                try {
                    claim(Duration.ZERO, Duration.ofMinutes(1));
                    return "claimed";
                } catch (SessionException e) {
                    return e.getMessage().contains("another run holds the lock") ? "refused" : e.getMessage();
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        two.shutdown();
        assertEquals(List.of("claimed", "refused"), results.stream().sorted().toList());
        assertTrue(!dead.equals(holder()));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("silent for 30 min")), warnings.toString());
        first.close();
    }
}
