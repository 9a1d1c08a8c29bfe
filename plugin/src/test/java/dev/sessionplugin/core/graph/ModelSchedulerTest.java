package dev.sessionplugin.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.dialect.DuckDbDialect;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diamond (a; b and c read a; d reads b and c) worked through on two connections. */
class ModelSchedulerTest {

    @TempDir
    Path dir;
    Plan plan;

    @BeforeEach
    void diamond() throws Exception {
        TestProjects.sample(dir, 10);
        TestProjects.write(dir, "models/b.sql.mustache", "SELECT * FROM {{#ref}}session_summary{{/ref}}");
        TestProjects.write(dir, "models/c.sql.mustache", "SELECT * FROM {{#ref}}session_summary{{/ref}}");
        TestProjects.write(dir, "models/d.sql.mustache", "SELECT * FROM {{#ref}}b{{/ref}} JOIN {{#ref}}c{{/ref}} USING "
                + "(sessionId)");
        plan = Pipeline.setup(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null,
                null, null, "test", RunOptions.DEFAULTS)).plan();
    }

    private Warehouse engine() {
        return JdbcWarehouse.open(DuckDbDialect.inMemory(), RenderedFiles.onRequest(dir.resolve("r"), "r"),
                new Retry(1, 0, line -> { }));
    }

    @Test
    void aModelStartsOnlyAfterWhatItReadsAndModelsThatDoNotWaitForEachOtherRunTogether() throws Exception {
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> finished = new ConcurrentHashMap<>();
        Set<Warehouse> connections = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (Warehouse main = engine()) {
            ModelScheduler.run(main, plan.models(), 2, (w, m) -> {
                started.put(m.name(), System.nanoTime());
                connections.add(w);
                if (Set.of("b", "c").contains(m.name())) { // each waits for the other: only together do they end
                    bothRunning.countDown();
                    try {
                        assertTrue(bothRunning.await(20, TimeUnit.SECONDS), "b and c run at once");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                finished.put(m.name(), System.nanoTime());
            });
        }
        assertEquals(Set.of("session_summary", "b", "c", "d"), started.keySet());
        for (Plan.PlannedModel m : plan.models()) {
            for (String upstream : m.models()) {
                assertTrue(finished.get(upstream) <= started.get(m.name()), m.name() + " started before " + upstream);
            }
        }
        assertEquals(2, connections.size(), "one connection per thread, none of them the main one");
    }

    @Test
    void aFailureStartsNothingThatReadsItAndIsThrown() throws Exception {
        SessionException broken = SessionException.config(null, "b is broken", "fix b");
        Set<String> started = ConcurrentHashMap.newKeySet();
        try (Warehouse main = engine()) {
            SessionException e = assertThrows(SessionException.class, () -> ModelScheduler.run(main, plan.models(), 2,
                    (w, m) -> {
                        started.add(m.name());
                        if (m.name().equals("b")) {
                            throw broken;
                        }
                    }));
            assertSame(broken, e);
        }
        assertTrue(started.containsAll(List.of("session_summary", "b")), started.toString());
        assertFalse(started.contains("d"), "d reads b");
    }
}
