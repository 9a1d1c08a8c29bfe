package dev.sessionplugin.core.superset;

import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.BundleValidator;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class SupersetExportTest {

    static final String SUPERSET = """
                superset:
                  time_column: ts
                  metrics:
                    wau: COUNT(DISTINCT userId)
                  charts:
                    - {title: Weekly Active Users, metric: wau, time_grain: P1W}
            superset:
              dashboard: {title: Sessions, slug: session-wau}
            """;

    @TempDir
    Path dir;

    Path exported() throws IOException {
        TestProjects.sample(dir, 3_000);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + SUPERSET);
        TestProjects.run(dir, Goal.RUN);
        return dir.resolve("target/superset/session-superset.zip");
    }

    static Map<String, Map<String, Object>> read(Path zip) throws IOException {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    @Test
    void runWritesABundleTheCheckerAcceptsWithWau() throws Exception {
        Path zip = exported();
        BundleValidator.assertValid(zip);
        Map<String, Map<String, Object>> files = read(zip);
        assertEquals(Set.of("session_superset/metadata.yaml", "session_superset/databases/session_duckdb.yaml",
                "session_superset/datasets/session_duckdb/session_summary.yaml",
                "session_superset/charts/Weekly_Active_Users_1.yaml", "session_superset/dashboards/Sessions_1.yaml"),
                files.keySet());
        Map<String, Object> db = files.get("session_superset/databases/session_duckdb.yaml");
        assertEquals("duckdb:///" + dir.resolve("target/session-serving.duckdb").toAbsolutePath(), db.get("sqlalchemy_uri"));
        assertEquals(SupersetExport.uuid("database", "session_duckdb"), db.get("uuid"));
        Map<String, Object> chart = files.get("session_superset/charts/Weekly_Active_Users_1.yaml");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) chart.get("params");
        assertEquals("P1W", params.get("time_grain_sqla"));
        assertEquals("ts", params.get("x_axis"));
        assertEquals(List.of("wau"), params.get("metrics"));
        assertFalse(Files.readString(zip, StandardCharsets.ISO_8859_1).toLowerCase().contains("password"));
    }

    @Test
    void reExportKeepsEveryUuid() throws Exception {
        Path zip = exported();
        Map<String, Map<String, Object>> first = read(zip);
        TestProjects.run(dir, Goal.EXPORT_SUPERSET);
        Map<String, Map<String, Object>> second = read(zip);
        for (String file : first.keySet()) {
            assertEquals(first.get(file).get("uuid"), second.get(file).get("uuid"), file);
        }
    }

    /** The bundle's metric SQL, run on the DuckDB file, against weekly counts computed here from the CSVs. */
    @Test
    void wauMetricReturnsTheWeeklyCountsOfTheSampleData() throws Exception {
        Path zip = exported();
        @SuppressWarnings("unchecked")
        var metric = ((List<Map<String, Object>>) read(zip)
                .get("session_superset/datasets/session_duckdb/session_summary.yaml").get("metrics")).get(0);
        List<String> fromBundle = query(dir, "SELECT CAST(date_trunc('week', ts) AS DATE), " + metric.get("expression")
                + " FROM analytics.session_summary GROUP BY 1 ORDER BY 1");

        Map<String, String> userOf = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("data/user_session_channel.csv")).subList(1, lines(dir))) {
            String[] cells = line.split(",");
            userOf.put(cells[1], cells[0]);
        }
        Map<String, Set<String>> weekly = new TreeMap<>();
        var format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        for (String line : Files.readAllLines(dir.resolve("data/session_timestamp.csv")).subList(1, tsLines(dir))) {
            String[] cells = line.split(",");
            String user = userOf.get(cells[0]);
            if (user != null) {
                String monday = LocalDateTime.parse(cells[1], format).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
                weekly.computeIfAbsent(monday, k -> new HashSet<>()).add(user);
            }
        }
        List<String> expected = weekly.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue().size()).toList();
        assertTrue(expected.size() > 20, expected.toString());
        assertEquals(expected, fromBundle);

        String page = Files.readString(dir.resolve("target/superset/wau.html"));
        Map.Entry<String, Set<String>> last = ((TreeMap<String, Set<String>>) weekly).lastEntry();
        assertTrue(page.contains("<tr><td>" + last.getKey() + "</td><td>" + String.format("%,d", last.getValue().size())
                + "</td></tr>"), "the page shows the same numbers");
        assertTrue(page.contains("<polyline class=\"line\" points=\""));
    }

    private static int lines(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("data/user_session_channel.csv")).size();
    }

    private static int tsLines(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("data/session_timestamp.csv")).size();
    }

    @Test
    void exportBeforeAnyPublishSaysWhatToDo() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + SUPERSET);
        SessionException e = TestProjects.failure(() -> TestProjects.run(dir, Goal.EXPORT_SUPERSET));
        assertTrue(e.getMessage().contains("is not published yet"), e.getMessage());
        assertEquals("run session:run first", e.hint());
    }

    @Test
    void chartOnAnUndeclaredMetricIsADescriptorError() throws Exception {
        TestProjects.sample(dir, 100);
        write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + SUPERSET.replace("metric: wau", "metric: dau"));
        SessionException e = TestProjects.failure(() -> TestProjects.run(dir, Goal.RENDER));
        assertTrue(e.getMessage().contains("chart metric 'dau' is not a metric of this dataset"), e.getMessage());
    }
}
