package dev.sessionplugin.core;

import dev.sessionplugin.core.graph.Selection;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ephemeral models are inlined as CTEs into the models that read them, and never planned themselves. */
class PlannerEphemeralTest {

    @TempDir
    Path dir;

    private Plan plan() {
        return Pipeline.setup(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null,
                null, null, "test", RunOptions.DEFAULTS)).plan();
    }

    @Test
    void anEphemeralModelJoinsTheReadersOwnWithListAndItsInputsBecomeTheReaders() throws Exception {
        TestProjects.sample(dir, 10);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + """
                  recent: {materialized: ephemeral}
                  deeper: {materialized: ephemeral}
                """);
        TestProjects.write(dir, "models/deeper.sql.mustache", "SELECT * FROM {{#ref}}session_summary{{/ref}}");
        TestProjects.write(dir, "models/recent.sql.mustache", "SELECT * FROM {{#ref}}deeper{{/ref}} WHERE ts > '2019-01-01'");
        TestProjects.write(dir, "models/by_channel.sql.mustache", """
                WITH counted AS (SELECT channel, count(*) AS n FROM {{#ref}}recent{{/ref}} GROUP BY channel)
                SELECT * FROM counted""");
        Plan plan = plan();
        assertEquals(List.of("session_summary", "by_channel"), plan.modelNames());
        Plan.PlannedModel byChannel = plan.models().get(1);
        assertEquals(Set.of("session_summary"), byChannel.models());
        assertEquals(Set.of(), byChannel.sources());
        assertTrue(byChannel.select().startsWith("WITH \"recent\" AS (\nWITH \"deeper\" AS (\nSELECT * FROM "
                + "\"analytics\".\"session_summary__shadow\"\n)\nSELECT * FROM \"deeper\" WHERE ts > '2019-01-01'\n),\n"
                + "counted AS (SELECT channel"), byChannel.select());
        assertEquals(6, byChannel.prelude()); // the lines put before the file's own first line
    }

    @Test
    void checksOnAnEphemeralModelAreRefused() throws Exception {
        TestProjects.sample(dir, 10);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("session_summary:\n",
                "session_summary:\n    materialized: ephemeral\n"));
        SessionException e = assertThrows(SessionException.class, this::plan);
        assertTrue(e.getMessage().contains("ephemeral model 'session_summary' has checks, but it is never created"),
                e.getMessage());
    }
}
