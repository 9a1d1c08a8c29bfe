package dev.sessionplugin.core;

import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** session:debug checks each part in turn and names what is wrong, running nothing. */
class DiagnosisTest {

    @TempDir
    Path dir;

    RunRequest request() {
        return new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null, null,
                "test", RunOptions.DEFAULTS);
    }

    @Test
    void aHealthyProjectIsCheckedPartByPart() throws Exception {
        TestProjects.sample(dir, 10);
        List<String> lines = Diagnosis.run(request());
        assertTrue(lines.get(0).startsWith("OK      descriptor and templates: pipeline.yaml: 2 source(s), 1 model(s)"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("OK      session: database_name=session")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("OK      schema analytics: missing: the first run creates it")),
                lines.toString());
        TestProjects.run(dir, Goal.RUN);
        assertTrue(Diagnosis.run(request()).contains("OK      schema analytics: exists"));
    }

    @Test
    void aBrokenModelIsNamedAndNothingElseIsTried() throws Exception {
        TestProjects.sample(dir, 10);
        write(dir, "models/session_summary.sql.mustache", "SELECT * FROM {{#ref}}nowhere{{/ref}}");
        SessionException e = assertThrows(SessionException.class, () -> Diagnosis.run(request()));
        assertTrue(e.getMessage().contains("FAILED  descriptor and templates: models/session_summary.sql.mustache:1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("1 problem(s) found"), e.getMessage());
    }
}
