package dev.sessionplugin.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vars: set on the command line over the descriptor's, and lists that know their first and last entries. */
class VarsTest {

    @TempDir
    Path dir;

    void project() throws Exception {
        TestProjects.sample(dir, 200);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + """
                vars:
                  channels: [Naver, Google]
                  since: '2000-01-01'
                """);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL + """
                WHERE usc.channel IN ({{#vars.channels}}'{{.}}'{{^last}}, {{/last}}{{/vars.channels}})
                  AND st.ts >= TIMESTAMP '{{vars.since}}'
                """);
    }

    void run(String vars) {
        TestProjects.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null,
                null, null, "test", RunOptions.DEFAULTS.withVars(vars)), new ArrayList<>());
    }

    @Test
    void listEntriesKnowTheLastSoNoTrailingCommaIsWritten() throws Exception {
        project();
        run(null);
        assertEquals(List.of("Google", "Naver"), TestProjects.query(dir,
                "SELECT DISTINCT channel FROM analytics.session_summary ORDER BY 1"));
    }

    @Test
    void varsFromTheCommandLineReplaceTheDescriptorsAndTheRunRebuilds() throws Exception {
        project();
        run(null);
        long all = Long.parseLong(TestProjects.query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0));
        run("since=2019-09-01");
        long later = Long.parseLong(TestProjects.query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0));
        assertTrue(later > 0 && later < all, all + " then " + later);
        assertEquals(List.of("0"), TestProjects.query(dir, "SELECT COUNT(*) FROM analytics.session_summary "
                + "WHERE ts < TIMESTAMP '2019-09-01'"));
    }

    @Test
    void aMalformedAssignmentIsAClearError() {
        SessionException e = TestProjects.failure(() -> RunOptions.DEFAULTS.withVars("since"));
        assertTrue(e.getMessage().contains("'since' is not name=value"), e.getMessage());
        assertTrue(e.hint().contains("-Dsession.vars=since=2019-06-01"), e.hint());
    }
}
