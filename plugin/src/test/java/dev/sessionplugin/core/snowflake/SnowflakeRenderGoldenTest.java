package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code session:render -Dsession.target=snowflake} on the sample project, offline, compared statement by statement
 * with the checked-in expected files. After an intended change: {@code -Dgolden.update=true} rewrites them.
 */
class SnowflakeRenderGoldenTest {

    static final Path SAMPLE = Path.of("../sample-project");
    static final Path GOLDEN = Path.of("src/test/resources/golden/snowflake");

    @TempDir
    Path dir;

    @Test
    void renderedStatementsMatchTheGoldenFiles() throws IOException {
        Files.copy(SAMPLE.resolve("pipeline.yaml"), dir.resolve("pipeline.yaml"));
        try (Stream<Path> models = Files.walk(SAMPLE.resolve("models"))) {
            for (Path model : models.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(SAMPLE.relativize(model).toString());
                Files.createDirectories(to.getParent());
                Files.copy(model, to);
            }
        }
        TestProjects.execute(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake",
                null, null, "test", RunOptions.DEFAULTS), new java.util.ArrayList<>());
        TreeMap<String, String> rendered = compare(dir, GOLDEN);
        // The complete set the issue names: stage, COPY INTO, CTAS, checks, SWAP/RENAME, cleanup.
        for (String must : List.of("stage/user_session_channel.create_stage.sql", "stage/session_timestamp.load_csv.sql",
                "ctas/session_summary.ctas_shadow.sql", "test/session_summary.unique_sessionId.sql",
                "test/session_summary.no_duplicate_rows.sql", "swap/session_summary.swap_tables.sql",
                "swap/session_summary.first_publish.sql", "swap/session_summary.drop_previous.sql")) {
            assertEquals(true, TestProjects.rendered(dir, must).length() > 0, must);
        }
    }

    /**
     * Every materialization on Snowflake: a staging view, an inlined ephemeral model, incremental models that
     * CLONE the published table and apply their batch (append, MERGE, delete+insert), and snapshots.
     */
    @Test
    void materializationsRenderTheirSnowflakeStatements() throws IOException {
        dev.sessionplugin.core.materialize.ShopProject.write(dir);
        TestProjects.execute(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"),
                "snowflake", null, "s3://shop-data/exports/", "test", RunOptions.DEFAULTS), new java.util.ArrayList<>());
        TreeMap<String, String> rendered = compare(dir, GOLDEN_MATERIALIZED);
        assertEquals(true, TestProjects.rendered(dir, "ctas/events_merge.incremental_start.sql").contains(
                "TABLE analytics.events_merge__shadow CLONE analytics.events_merge"));
        assertEquals(true, TestProjects.rendered(dir, "ctas/events_merge.incremental_merge.sql").contains("MERGE INTO"));
        assertEquals(true, TestProjects.rendered(dir, "ctas/kind_totals.incremental_delete_insert.sql")
                .contains("DELETE FROM"));
        assertEquals(true, TestProjects.rendered(dir, "swap/stg_events.create_view.sql").contains(
                "CREATE OR REPLACE VIEW analytics.stg_events COPY GRANTS AS"));
        assertEquals(false, rendered.keySet().stream().anyMatch(f -> f.contains("base_events")), "ephemeral: inlined");
    }

    static final Path GOLDEN_MATERIALIZED = Path.of("src/test/resources/golden/snowflake-materialized");

    /** The rendered statements against the golden files; {@code -Dgolden.update=true} rewrites those first. */
    private static TreeMap<String, String> compare(Path dir, Path golden) throws IOException {
        TreeMap<String, String> rendered = read(dir.resolve("target/session/rendered"));
        if (Boolean.getBoolean("golden.update")) {
            TestProjects.deleteTree(golden);
            for (var e : rendered.entrySet()) {
                Files.createDirectories(golden.resolve(e.getKey()).getParent());
                Files.writeString(golden.resolve(e.getKey()), e.getValue());
            }
        }
        TreeMap<String, String> expected = read(golden);
        assertEquals(expected.keySet(), rendered.keySet(), "the same statements");
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), rendered.get(file), file);
        }
        return rendered;
    }

    static TreeMap<String, String> read(Path root) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) { // not the record of what was written
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
