package dev.sessionplugin.core.reliability;

import static dev.sessionplugin.core.TestProjects.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per target, with the holder named, an optional wait, and killed holders recognised. */
class RunLockTest {

    @TempDir
    Path dir;
    Process holder;

    Path lockFile() {
        return dir.resolve("target/session.duckdb.lock");
    }

    /** Starts another JVM that takes the run lock for {@code millis}. */
    void holdLock(long millis) throws Exception {
        holder = TestProjects.javaProcess(HoldLock.class, lockFile().toString(), String.valueOf(millis));
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        assertEquals("held", line);
    }

    @AfterEach
    void stop() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    List<String> run(int waitSeconds) {
        List<String> log = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, null, RunOptions.DEFAULTS.withLockWait(waitSeconds), log);
        return log;
    }

    @Test
    void aSecondRunFailsFastNamingTheHolder() throws Exception {
        TestProjects.sample(dir, 200);
        holdLock(60_000);
        long start = System.nanoTime();
        SessionException e = failure(() -> run(0));
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "fails fast");
        assertTrue(e.getMessage().contains("another run holds the lock (pid " + holder.pid() + " on "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).* since \\d{4}-\\d\\d-\\d\\dT.*"), e.getMessage());
        assertTrue(e.hint().contains("-Dsession.lock.wait"), e.hint());

        SessionException waited = failure(() -> run(1));
        assertTrue(waited.getMessage().contains("still after 1 s"), waited.getMessage());
    }

    @Test
    void withAWaitTheRunGoesOnceTheHolderFinishes() throws Exception {
        TestProjects.sample(dir, 200);
        holdLock(1_500);
        List<String> log = run(30);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("swap ")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("interrupted")), "a released lock is not stale: " + log);
    }

    @Test
    void aLockLeftByAKilledRunIsRecognisedAndDoesNotBlock() throws Exception {
        TestProjects.sample(dir, 200);
        holdLock(60_000);
        long pid = holder.pid();
        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        List<String> log = run(0);
        assertTrue(log.stream().anyMatch(l -> l.contains("recover an earlier run was interrupted (pid " + pid)),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("swap ")), log.toString());
    }
}
