package dev.sessionplugin.core.steps;

import dev.sessionplugin.bench.GeneratedProject;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.sample.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookkeeping of a run (ledger, fingerprints, relation kinds, row counts) is a few statements per step, not a
 * few per model, and stays right across batch boundaries: more models than one statement takes.
 */
class ManyModelsBookkeepingTest {

    static final int MODELS = Statements.BATCH_ROWS + 101;

    @TempDir
    Path dir;

    @Test
    void aRunOfManyModelsSendsAboutThreeStatementsPerModelAndARerunProvesEveryOneUnchanged() throws Exception {
        GeneratedProject.write(dir, MODELS);
        SampleData.write(dir.resolve("data"), 50, 3);
        RunReport first = TestProjects.run(dir, Goal.RUN);

        List<String> sent = Files.readAllLines(dir.resolve("target/session/rendered/journal.sql")).stream()
                .filter(line -> line.startsWith("-- statement: ")).toList();
        long perModel = sent.stream().filter(s -> s.matches("-- statement: (ctas|swap)/.*\\bm_\\d+\\..*")).count();
        // each model: its CTAS, its rename into place, its copy into the serving file
        assertEquals(3L * MODELS, perModel, "build and publish statements naming a model");
        long checks = sent.stream().filter(s -> s.startsWith("-- statement: test/")).count();
        // a number that does not grow with the models (batches of 500 rows)
        assertTrue(sent.size() - perModel - checks < 80, "bookkeeping statements: " + (sent.size() - perModel
                - checks));

        List<StepResult> swaps = first.steps().stream().filter(s -> s.step().equals("swap")).toList();
        assertEquals(MODELS, swaps.size());
        assertEquals(50, swaps.get(0).rows(), "m_0 reads every session");
        assertTrue(swaps.stream().allMatch(s -> s.rows() > 0 && s.rows() <= 50), "rows of every published model");
        assertEquals(MODELS, publishedIn(dir.resolve("target/session.duckdb")), "work file");
        assertEquals(MODELS, publishedIn(dir.resolve("target/session-serving.duckdb")), "serving file");
        // few rows: small blocks, or each of the 601 tables would take a 256 KiB block (150 MB)
        assertTrue(Files.size(dir.resolve("target/session-serving.duckdb")) < 40L << 20,
                Files.size(dir.resolve("target/session-serving.duckdb")) + " bytes");
        assertEquals(MODELS, rows("SELECT count(*) FROM session_meta.fingerprints WHERE kind = 'model'"));
        assertEquals(0, rows("SELECT count(*) FROM session_meta.shadows"), "every shadow consumed by the publish");

        List<String> log = new ArrayList<>();
        RunReport again = TestProjects.run(dir, Goal.RUN, null, log);
        assertTrue(log.stream().anyMatch(l -> l.contains("nothing changed since the last verified publish")),
                String.join("\n", log));
        assertTrue(again.steps().stream().noneMatch(s -> s.step().equals("ctas")), "nothing rebuilt");

        // a change in the middle rebuilds it and everything downstream, and only that
        int changed = MODELS - 3;
        TestProjects.append(dir, "models/m_" + changed + ".sql.mustache", "\n-- edited");
        RunReport third = TestProjects.run(dir, Goal.RUN);
        List<String> rebuilt = third.steps().stream().filter(s -> s.step().equals("ctas")).map(StepResult::subject)
                .toList();
        assertEquals(List.of("m_" + changed, "m_" + (changed + 1), "m_" + (changed + 2)), rebuilt);
        List<String> servingCopies = Files.readAllLines(dir.resolve("target/session/rendered/serving.sql")).stream()
                .filter(line -> line.startsWith("-- statement: swap/serving.copy.")).toList();
        assertEquals(List.of("m_" + changed, "m_" + (changed + 1), "m_" + (changed + 2)), servingCopies.stream()
                .map(line -> line.substring(line.lastIndexOf("copy.") + 5, line.lastIndexOf('.'))).toList(),
                "the serving file copies only the tables that changed");
        assertEquals(MODELS, publishedIn(dir.resolve("target/session-serving.duckdb")), "serving file");
        assertEquals(rows("SELECT sum(hash(COLUMNS(*))) FROM analytics.m_" + (changed + 2)),
                servingRows("SELECT sum(hash(COLUMNS(*))) FROM analytics.m_" + (changed + 2)));
    }

    private long servingRows(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target/session-serving.duckdb"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private long rows(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("target/session.duckdb"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long publishedIn(Path file) throws Exception {
        assertTrue(Files.exists(file), file.toString());
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM "
                     + "information_schema.tables WHERE table_schema = 'analytics' "
                     + "AND regexp_full_match(table_name, 'm_[0-9]+')")) {
            r.next();
            return r.getLong(1);
        }
    }
}
