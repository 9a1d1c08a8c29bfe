package dev.sessionplugin.core.graph;

import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerCycleTest {

    @TempDir
    Path dir;

    @Test
    void cycleAcrossModelFilesPrintsTheWholeCycle() throws Exception {
        TestProjects.sample(dir, 10);
        write(dir, "models/a.sql.mustache", "SELECT * FROM {{#ref}}c{{/ref}}");
        write(dir, "models/b.sql.mustache", "SELECT * FROM {{#ref}}a{{/ref}}");
        write(dir, "models/c.sql.mustache", "SELECT * FROM {{#ref}}b{{/ref}}");
        var e = failure(() -> TestProjects.run(dir, Goal.RENDER));
        assertTrue(e.getMessage().matches("(?s).*dependency cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c).*"),
                e.getMessage());
    }

    @Test
    void duplicateModelNamesInSubfoldersAreAnError() throws Exception {
        TestProjects.sample(dir, 10);
        write(dir, "models/marts/session_summary.sql.mustache", "SELECT 1");
        var e = failure(() -> TestProjects.run(dir, Goal.RENDER));
        assertTrue(e.getMessage().contains("duplicate model name 'session_summary'"), e.getMessage());
    }
}
