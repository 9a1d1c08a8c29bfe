package dev.sessionplugin.core;

import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks of what is published now, a partial publish, and an environment of one's own. */
class RunModesTest {

    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    void run(Goal goal, RunMode mode) {
        log.clear();
        TestProjects.execute(new RunRequest(goal, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null, null,
                "test", RunOptions.DEFAULTS).withMode(mode), log);
    }

    @Test
    void testingThePublishedTablesBuildsNothingAndFindsWhatChangedThere() throws Exception {
        TestProjects.sample(dir, 100);
        run(Goal.RUN, RunMode.DEFAULT);
        run(Goal.TEST, new RunMode(true, false, null));
        assertFalse(log.stream().anyMatch(l -> l.startsWith("stage ") || l.startsWith("ctas ")
                || l.startsWith("compile ")), "the published tables are checked as they are: nothing compiled or "
                + "built: " + log);
        assertTrue(log.stream().anyMatch(l -> l.matches("test +session_summary +OK .*unique_sessionId")), log.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target/session.duckdb"));
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO analytics.session_summary SELECT * FROM analytics.session_summary LIMIT 1");
        }
        SessionException e = failure(() -> run(Goal.TEST, new RunMode(true, false, null)));
        assertTrue(e.getMessage().contains("unique_sessionId"), e.getMessage());
        assertTrue(e.getMessage().contains("the published tables are as they were"), e.getMessage());
    }

    @Test
    void aPartialPublishShipsWhatPassedAndHoldsBackWhatReadsAFailure() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "models/users.sql.mustache", "SELECT DISTINCT userId FROM {{#source}}user_session_channel{{/source}}");
        TestProjects.channelCounts(dir);
        TestProjects.append(dir, "data/user_session_channel.csv", "dupuser,dupsession,Direct\ndupuser,dupsession,Naver\n");
        TestProjects.append(dir, "data/session_timestamp.csv", "dupsession,2019-05-01 10:00:00\n");
        SessionException e = failure(() -> run(Goal.RUN, new RunMode(false, true, null)));
        assertTrue(e.getMessage().contains("published only what passed"), e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.contains("held back: channel_counts, session_summary")), log.toString());
        assertEquals(List.of("users"), query(dir, "SELECT table_name FROM information_schema.tables WHERE "
                + "table_schema = 'analytics' AND table_name NOT LIKE '%shadow' ORDER BY 1"));
        assertFalse(query(dir, "SELECT COUNT(*) FROM analytics.users").get(0).equals("0"));

        failure(() -> run(Goal.SWAP, RunMode.DEFAULT)); // what was held back stays unpublishable
        assertEquals(List.of("users"), query(dir, "SELECT table_name FROM information_schema.tables WHERE "
                + "table_schema = 'analytics' AND table_name NOT LIKE '%shadow' ORDER BY 1"));
    }

    @Test
    void anEnvironmentGetsSchemasOfItsOwn() throws Exception {
        TestProjects.sample(dir, 50);
        run(Goal.RUN, new RunMode(false, false, "dev_alice"));
        assertEquals(List.of("analytics_dev_alice", "audit_dev_alice", "raw_dev_alice", "session_meta_dev_alice"),
                query(dir, "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_catalog = "
                        + "'session' AND table_schema <> 'main' ORDER BY 1"));
        assertEquals(TestProjects.innerJoinOfCsvs(dir).size(), Integer.parseInt(query(dir,
                "SELECT COUNT(*) FROM analytics_dev_alice.session_summary").get(0)));
    }
}
