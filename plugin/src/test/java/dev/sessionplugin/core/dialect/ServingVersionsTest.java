package dev.sessionplugin.core.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving file keeps a table only while its recorded version is the work file's: an unchanged table is not
 * copied again, and anything that breaks the record (another file in its place, a new work file) copies all.
 */
class ServingVersionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        TestProjects.sample(dir, 300);
        TestProjects.write(dir, "models/channels.sql.mustache",
                "SELECT DISTINCT channel FROM {{#source}}user_session_channel{{/source}}");
        TestProjects.run(dir, Goal.RUN);
    }

    List<String> copied() throws Exception {
        return Files.readAllLines(dir.resolve("target/session/rendered/serving.sql")).stream()
                .filter(l -> l.startsWith("-- statement: swap/serving.copy.")).map(l -> l.substring(32,
                        l.length() - 4)).toList();
    }

    List<String> served(String table) throws Exception {
        return TestProjects.queryFile(dir.resolve("target/session-serving.duckdb"), "SELECT * FROM analytics." + table
                + " ORDER BY ALL");
    }

    void changeTimestamps() throws Exception {
        Path file = dir.resolve("data/session_timestamp.csv");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 10));
    }

    @Test
    void onlyTheChangedTableIsCopied() throws Exception {
        changeTimestamps();
        TestProjects.run(dir, Goal.RUN);
        assertEquals(List.of("session_summary"), copied());
        assertEquals(TestProjects.query(dir, "SELECT * FROM analytics.session_summary ORDER BY ALL"),
                served("session_summary"));
        assertEquals(List.of("Facebook", "Google", "Instagram", "Naver", "Organic", "Youtube"), served("channels"));
    }

    @Test
    void aServingFileReplacedByAnotherIsWrittenWhole() throws Exception {
        Path serving = dir.resolve("target/session-serving.duckdb");
        Path old = dir.resolve("old.duckdb");
        Files.copy(serving, old);
        changeTimestamps();
        TestProjects.run(dir, Goal.RUN);
        Files.copy(old, serving, StandardCopyOption.REPLACE_EXISTING); // e.g. restored from a backup
        TestProjects.write(dir, "models/channels.sql.mustache",
                "SELECT DISTINCT channel FROM {{#source}}user_session_channel{{/source}} WHERE channel <> 'Naver'");
        TestProjects.run(dir, Goal.RUN);
        assertEquals(List.of("channels", "session_summary"), copied().stream().sorted().toList());
        assertEquals(TestProjects.query(dir, "SELECT * FROM analytics.session_summary ORDER BY ALL"),
                served("session_summary"), "the restored file's stale table is not kept");
    }

    @Test
    void aNewWorkFileMatchesNoVersion() throws Exception {
        Files.delete(dir.resolve("target/session.duckdb"));
        TestProjects.run(dir, Goal.RUN);
        assertEquals(List.of("channels", "session_summary"), copied().stream().sorted().toList());
        assertTrue(served("channels").contains("Naver"));
    }
}
