package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQL error in a model points at the line of the model file, not of the statement the engine ran. */
class ModelErrorLineTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownColumnNamesTheModelFileAndItsLine() throws Exception {
        TestProjects.sample(dir, 20);
        write(dir, "models/session_summary.sql.mustache", """
                -- one row per session
                SELECT usc.userId, usc.sessionId, usc.chanel, st.ts
                FROM {{#source}}user_session_channel{{/source}} AS usc
                JOIN {{#source}}session_timestamp{{/source}} AS st ON usc.sessionId = st.sessionId
                """);
        SessionException e = failure(() -> TestProjects.run(dir, Goal.RUN));
        assertEquals("models/session_summary.sql.mustache:2", e.location().toString(), e.getMessage());
        assertTrue(e.getMessage().contains("chanel"), e.getMessage());
    }
}
