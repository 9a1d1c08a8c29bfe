package dev.sessionplugin.core.superset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.HeadlessChromium;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundles in a real Superset: its own import creates the database, dataset (with the wau metric), chart and
 * dashboard, and its chart-data API, reading the sample's serving file read-only through duckdb-engine, returns
 * every week's WAU as computed here from the CSVs. The Snowflake bundle is imported too (nothing connects).
 * The imported dashboard is opened in headless Chromium, and its screenshot kept in
 * {@code target/superset-screenshots/}. Superset is the one in {@code SESSION_SUPERSET_PYTHON}'s virtual environment
 * (CI makes it, see .ci/run);
 * without one these tests skip, unless {@code SESSION_SUPERSET_TESTS=required}.
 */
class SupersetImportTest {

    static final Path SCRIPT = Path.of("src/test/python/superset_import.py");
    static final Path SHOTS = Path.of("target/superset-screenshots");

    static Path python;

    @BeforeAll
    static void findSuperset() {
        String configured = System.getenv("SESSION_SUPERSET_PYTHON");
        python = configured == null || configured.isBlank() ? null : Path.of(configured);
        if (python == null || !Files.isExecutable(python) || !Files.isExecutable(python.resolveSibling("superset"))) {
            String why = "no Superset here: set SESSION_SUPERSET_PYTHON to the python of a virtual environment with "
                    + "apache-superset and duckdb-engine (as .ci/run does) to run these";
            if ("required".equals(System.getenv("SESSION_SUPERSET_TESTS"))) {
                fail(why + ", but SESSION_SUPERSET_TESTS=required");
            }
            Assumptions.abort(why);
        }
    }

    @Test
    void supersetImportsTheDuckDbBundleAndDrawsEveryWeeksWauFromTheServingFile(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copyOfTheSample(dir.resolve("project"));
        TestProjects.run(project, Goal.RUN);
        JsonNode found = importInto(project.resolve("target/superset/session-superset.zip"), dir.resolve("superset"),
                true);

        JsonNode database = only(found.path("databases"));
        assertEquals("session_duckdb", database.path("name").asText());
        assertTrue(database.path("uri").asText().startsWith("duckdb:///")
                && database.path("uri").asText().endsWith("session-serving.duckdb"), database.toString());
        JsonNode dataset = only(found.path("datasets"));
        assertEquals("session_summary", dataset.path("table").asText());
        assertEquals("analytics", dataset.path("schema").asText());
        assertEquals("session_duckdb", dataset.path("database").asText());
        assertEquals("ts", dataset.path("time_column").asText());
        assertEquals("COUNT(DISTINCT userId)", dataset.path("metrics").path("wau").asText());
        JsonNode chart = only(found.path("charts"));
        assertEquals("Weekly Active Users", chart.path("name").asText());
        assertEquals("echarts_timeseries_line", chart.path("viz_type").asText());
        assertTrue(chart.path("dataset").asText().contains("session_summary"), chart.toString());
        JsonNode dashboard = only(found.path("dashboards"));
        assertEquals("Sessions", dashboard.path("title").asText());
        assertEquals("session-wau", dashboard.path("slug").asText());
        assertEquals("[\"Weekly Active Users\"]", dashboard.path("charts").toString());

        Map<LocalDate, Integer> drawn = new TreeMap<>();
        for (JsonNode row : found.path("data").path("Weekly Active Users").path("rows")) {
            drawn.put(Instant.ofEpochMilli(row.path("ts").asLong()).atZone(ZoneOffset.UTC).toLocalDate(),
                    row.path("wau").asInt());
        }
        assertEquals(weeklyActiveUsers(project.resolve("data")), drawn,
                "Superset's query: " + found.path("data").path("Weekly Active Users").path("query").asText());
    }

    @Test
    void supersetAcceptsTheSnowflakeBundle(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copyOfTheSample(dir.resolve("project"));
        // offline: the bundle comes from the compile catalog, nothing connects to the account
        TestProjects.execute(new RunRequest(Goal.EXPORT_SUPERSET, project, Path.of("pipeline.yaml"),
                project.resolve("target"), "snowflake", null, null, "test", RunOptions.DEFAULTS), new ArrayList<>());
        // what Superset's UI and import API run, with the password the bundle never holds
        JsonNode outcome = importInto(project.resolve("target/superset/session-superset.zip"), dir.resolve("superset"),
                false, "--password", "databases/session_snowflake.yaml=not-a-real-password");
        assertEquals("[\"charts/Weekly_Active_Users_1.yaml\",\"dashboards/Sessions_1.yaml\","
                + "\"databases/session_snowflake.yaml\",\"datasets/session_snowflake/session_summary.yaml\"]",
                outcome.path("accepted").toString(), "every file passed Superset's import schemas");
        String uri = outcome.path("database_uris").get(0).asText();
        assertTrue(uri.startsWith("snowflake://SESSION_SVC:XXXXXXXXXX@myorg-myaccount/SESSION_DB/ANALYTICS?"), uri);
        assertEquals("[true]", outcome.path("passwords_taken").toString(), "the masked password is asked for");
        // Superset connects while importing; no account answers here, and it says so rather than hanging or
        // half-importing
        assertTrue(outcome.path("run").asText().contains("Could not connect to Snowflake"), outcome.toString());
    }

    @Test
    void theImportedDashboardDrawsTheChartInABrowser(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copyOfTheSample(dir.resolve("project"));
        TestProjects.run(project, Goal.RUN);
        Path workdir = dir.resolve("superset");
        importInto(project.resolve("target/superset/session-superset.zip"), workdir, false);
        org.openqa.selenium.chrome.ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder serve = new ProcessBuilder(python.resolveSibling("superset").toString(), "run", "-h",
                "127.0.0.1", "-p", String.valueOf(port), "--with-threads");
        serve.environment().put("SUPERSET_CONFIG_PATH", workdir.resolve("superset_config.py").toString());
        serve.environment().put("FLASK_APP", "superset");
        Process server = serve.redirectErrorStream(true).redirectOutput(workdir.resolve("serve.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitHealthy(base, server, workdir.resolve("serve.log"));
            browser.get(base + "/login/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> b.findElement(By.cssSelector("input#username, input[name='username']")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("input#password, input[name='password']")).sendKeys("admin" + Keys.ENTER);
            wait.until(b -> !b.getCurrentUrl().contains("/login"));
            browser.get(base + "/superset/dashboard/session-wau/");
            wait.until(b -> !b.findElements(By.cssSelector(".dashboard-chart canvas, .chart-container canvas"))
                    .isEmpty());
            Thread.sleep(1500); // the line's entry animation
            Files.createDirectories(SHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve("dashboard.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            String page = browser.findElement(By.tagName("body")).getText();
            assertTrue(page.contains("Weekly Active Users"), page);
            assertTrue(browser.getTitle().contains("Sessions"), browser.getTitle());
            assertTrue(browser.findElements(By.cssSelector(".ant-alert-error, .alert-danger")).isEmpty(),
                    "no chart shows an error: " + page);
        } finally {
            browser.quit();
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void awaitHealthy(String base, Process server, Path log) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                fail("Superset's server stopped:\n" + tail(Files.readString(log)));
            }
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("Superset's server did not answer in 2 minutes:\n" + tail(Files.readString(log)));
    }

    /** Superset's own import of the bundle into a fresh metadata database; what it created (and drew). */
    static JsonNode importInto(Path bundle, Path workdir, boolean data, String... more)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), SCRIPT.toString(), bundle.toString(),
                workdir.toString()));
        if (data) {
            command.add("--data");
        }
        command.addAll(List.of(more));
        Files.createDirectories(workdir);
        Path out = workdir.resolve("out.json");
        Path err = workdir.resolve("err.log");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("Superset's import did not finish in 10 minutes");
        }
        assertEquals(0, p.exitValue(), "Superset's import failed:\n" + tail(Files.readString(err)));
        List<String> lines = Files.readAllLines(out);
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    /** Weekly active users computed from the CSVs: weeks start on Monday, sessions only with a timestamp. */
    static Map<LocalDate, Integer> weeklyActiveUsers(Path data) throws IOException {
        Map<String, String> userOf = new HashMap<>();
        List<String> channels = Files.readAllLines(data.resolve("user_session_channel.csv"));
        for (String line : channels.subList(1, channels.size())) {
            String[] f = line.split(",");
            userOf.put(f[1], f[0]);
        }
        Map<LocalDate, Set<String>> users = new TreeMap<>();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
        List<String> stamps = Files.readAllLines(data.resolve("session_timestamp.csv"));
        for (String line : stamps.subList(1, stamps.size())) {
            String[] f = line.split(",");
            String user = userOf.get(f[0]);
            if (user != null) {
                LocalDate week = LocalDateTime.parse(f[1], format).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                users.computeIfAbsent(week, k -> new HashSet<>()).add(user);
            }
        }
        Map<LocalDate, Integer> out = new TreeMap<>();
        users.forEach((week, who) -> out.put(week, who.size()));
        return out;
    }

    private static JsonNode only(JsonNode list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
