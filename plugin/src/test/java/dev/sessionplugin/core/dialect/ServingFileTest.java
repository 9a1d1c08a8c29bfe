package dev.sessionplugin.core.dialect;

import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of the serving file never block a run and never see a partial publish. */
class ServingFileTest {

    @TempDir
    Path dir;

    Path serving() {
        return dir.resolve("target/session-serving.duckdb");
    }

    /** The serving file's answer to the reader query, from a fresh read-only connection in this JVM. */
    String freshRead() throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + serving(), props);
             ResultSet rs = c.createStatement().executeQuery(ServingReader.QUERY)) {
            rs.next();
            return rs.getString(1);
        }
    }

    void shrinkData(int keep) throws Exception {
        Path file = dir.resolve("data/session_timestamp.csv");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, keep));
    }

    @Test
    void servingFileHoldsOnlyThePublishedTablesAndNoTemporaries() throws Exception {
        TestProjects.sample(dir, 500);
        run(dir, Goal.RUN);
        assertTrue(Files.isRegularFile(serving()));
        String work = query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0);
        assertEquals(work, freshRead().split(":")[0]);
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + serving(), props);
             ResultSet rs = c.createStatement().executeQuery("SELECT table_schema || '.' || table_name "
                     + "FROM information_schema.tables ORDER BY 1")) {
            rs.next();
            assertEquals("analytics.session_summary", rs.getString(1));
            assertFalse(rs.next(), "only the published table");
        }
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains(".tmp-")).toList());
        }
    }

    @Test
    void anOpenReaderInAnotherJvmNeverBlocksRunsAndKeepsItsConsistentVersion() throws Exception {
        TestProjects.sample(dir, 2_000);
        run(dir, Goal.RUN);
        String first = freshRead();

        Process reader = TestProjects.javaProcess(ServingReader.class, serving().toString());
        try (PrintWriter ask = new PrintWriter(reader.getOutputStream(), true);
             BufferedReader answer = new BufferedReader(new InputStreamReader(reader.getInputStream()))) {
            assertEquals("open", answer.readLine());
            ask.println("read");
            assertEquals(first, answer.readLine());

            shrinkData(1_500);
            run(dir, Goal.RUN); // must not fail on the reader's lock
            ask.println("read");
            assertEquals(first, answer.readLine(), "the open reader keeps reading the version it opened");
            String second = freshRead();
            assertNotEquals(first, second, "a new reader sees the new version");

            shrinkData(1_000);
            run(dir, Goal.RUN);
            ask.println("read");
            assertEquals(first, answer.readLine());
            assertNotEquals(second, freshRead());
            ask.println("exit");
        } finally {
            reader.waitFor(20, TimeUnit.SECONDS);
            reader.destroyForcibly();
        }
    }

    @Test
    void aTemporaryServingFileLeftByAKilledRunIsCleanedAndThePreviousFileStays() throws Exception {
        TestProjects.sample(dir, 500);
        run(dir, Goal.RUN);
        String published = freshRead();
        Path stale = dir.resolve("target/session-serving.duckdb.tmp-424242");
        Files.write(stale, new byte[] {1, 2, 3, 4}); // what a run killed while copying leaves
        assertEquals(published, freshRead(), "the previous serving file is intact");
        run(dir, Goal.RUN);
        assertFalse(Files.exists(stale));
        assertEquals(published, freshRead());
    }
}
