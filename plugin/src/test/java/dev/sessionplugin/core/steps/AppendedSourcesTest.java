package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources whose files grow (daily extracts appended to) load only their new rows, and end as a full load would. */
class AppendedSourcesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        TestProjects.sample(dir, 500);
    }

    List<String> run(RunOptions options) {
        List<String> log = new ArrayList<>();
        TestProjects.run(dir, Goal.RUN, null, null, options, log);
        return log;
    }

    List<String> tables() throws Exception {
        List<String> out = new ArrayList<>();
        for (String t : List.of("raw.user_session_channel_table", "raw.session_timestamp_table",
                "analytics.session_summary")) {
            out.addAll(query(dir, "SELECT COUNT(*) || ':' || SUM(hash(COLUMNS(*))) FROM " + t));
        }
        return out;
    }

    void appendSessions(int from, int count) throws Exception {
        StringBuilder channels = new StringBuilder();
        StringBuilder stamps = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            channels.append("u").append(i % 7).append(",late").append(i).append(",Organic\n");
            stamps.append("late").append(i).append(",2030-01-01 00:00:").append(String.format("%02d", i % 60))
                    .append('\n');
        }
        TestProjects.append(dir, "data/user_session_channel.csv", channels.toString());
        TestProjects.append(dir, "data/session_timestamp.csv", stamps.toString());
    }

    @Test
    void grownFilesAppendTheirNewRowsAndEqualAFullLoad() throws Exception {
        run(RunOptions.DEFAULTS);
        appendSessions(0, 40);
        List<String> log = run(RunOptions.DEFAULTS);
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +user_session_channel +OK +40 rows .*appended from "
                + "data/user_session_channel.csv \\(.* new bytes after .* unchanged\\)")), log.toString());
        List<String> appended = tables();

        run(RunOptions.DEFAULTS.withThreads(1, true));
        assertEquals(tables(), appended, "a full load and rebuild of the same files");

        appendSessions(40, 5);
        run(RunOptions.DEFAULTS);
        List<String> again = tables();
        run(RunOptions.DEFAULTS.withThreads(1, true));
        assertEquals(tables(), again, "a second append after a full run");
    }

    @Test
    void aChangedLoadedRowLoadsTheFileWhole() throws Exception {
        run(RunOptions.DEFAULTS);
        Path file = dir.resolve("data/session_timestamp.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).replaceFirst(",.*", ",2031-05-05 00:00:00"));
        Files.write(file, lines);
        appendSessions(0, 3);
        List<String> log = run(RunOptions.DEFAULTS);
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +session_timestamp +OK +\\d+ rows .* from data/"
                + "session_timestamp.csv")), log.toString());
        assertEquals(List.of("1"), query(dir, "SELECT COUNT(*) FROM raw.session_timestamp_table WHERE ts = "
                + "TIMESTAMP '2031-05-05 00:00:00'"));
    }

    @Test
    void aBadAppendedRowIsReportedAtItsLineAndTheNextRunLoadsWhole() throws Exception {
        run(RunOptions.DEFAULTS);
        long lines = Files.readAllLines(dir.resolve("data/session_timestamp.csv")).size();
        appendSessions(0, 3);
        TestProjects.append(dir, "data/session_timestamp.csv", "broken,not a time\n");
        SessionException e = assertThrows(SessionException.class, () -> run(RunOptions.DEFAULTS).toString());
        assertEquals("data/session_timestamp.csv", e.location().file());
        assertEquals(lines + 4, e.location().line(), e.getMessage());

        List<String> rows = new ArrayList<>(Files.readAllLines(dir.resolve("data/session_timestamp.csv")));
        rows.remove(rows.size() - 1);
        Files.write(dir.resolve("data/session_timestamp.csv"), rows);
        List<String> log = run(RunOptions.DEFAULTS);
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +session_timestamp +OK +\\d+ rows .* from data/"
                + "session_timestamp.csv")), "the failed load left nothing provable: " + log);
        List<String> fixed = tables();
        run(RunOptions.DEFAULTS.withThreads(1, true));
        assertEquals(tables(), fixed);
    }
}
