package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.materialize.ShopProject;
import dev.sessionplugin.core.sample.SampleData;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.snowflake.emulator.StageStorage;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Snowflake target's statements on fakesnow, a Snowflake emulator written by others (DuckDB behind Snowflake's
 * HTTP protocol), through the official JDBC driver. Two real runs of the sample project (the first publish, then a
 * rebuild that swaps) go to our own emulator; every statement they sent is then sent, in order, to fakesnow. Each
 * either works there or matches {@link #NOT_EMULATED}, which says why; an entry nothing matches any more fails the
 * test too, so the list stays true.
 *
 * fakesnow answers queries in Arrow, which the driver reads only with {@code --add-opens java.base/java.nio} (set
 * for the test JVMs in the POM: test scope only; production keeps the driver's defaults). fakesnow is the one in
 * {@code SESSION_FAKESNOW}'s virtual environment (CI makes it); without it this test skips, unless
 * {@code SESSION_FAKESNOW_TESTS=required}.
 */
class FakesnowTest {

    /** What fakesnow does not emulate: a pattern of the statement's text, and why. */
    static final Map<String, String> NOT_EMULATED = new LinkedHashMap<>();

    static {
        NOT_EMULATED.put("CURRENT_ACCOUNT\\(\\)", "the session's facts (CURRENT_ACCOUNT, CURRENT_WAREHOUSE, "
                + "CURRENT_VERSION ...): fakesnow has no such functions; the plugin reads them to name the account, "
                + "role and warehouse in its log and errors");
        NOT_EMULATED.put("CURRENT_SESSION\\(\\)", "CURRENT_SESSION(): no such function in fakesnow; the plugin "
                + "logs the session id");
        NOT_EMULATED.put("(?m)^LIST '@", "LIST of a stage: fakesnow keeps no external stages (the plugin reads the "
                + "files' size and MD5 there as the sources' fingerprint)");
        NOT_EMULATED.put("\\$1 AS c1.*FROM @\\S+ \\(FILE_FORMAT =>", "a query of staged files ($1, $2 ...): "
                + "fakesnow does not parse it (the plugin reads each file's header this way before COPY)");
        NOT_EMULATED.put("COPY INTO .*ENCODING = ", "COPY's ENCODING file-format option: fakesnow does not "
                + "implement it, and says so");
        NOT_EMULATED.put("^PUT 'file://", "PUT of a local file: fakesnow's answer has no upload location, so the "
                + "driver cannot upload (it fails inside the driver)");
        NOT_EMULATED.put("CREATE OR REPLACE TRANSIENT TABLE \\S+ CLONE ", "CREATE OR REPLACE ... CLONE over a table "
                + "that exists: fakesnow ignores OR REPLACE there and answers that the table exists (the plugin "
                + "refreshes the clone of a source that published views read, atomically, on every publish)");
        NOT_EMULATED.put("BEGIN TRANSACTION NAME ", "a named transaction: fakesnow parses only BEGIN [TRANSACTION] "
                + "(the name labels the publish in Snowflake's query history)");
    }

    static Process server;
    static int port;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        String configured = System.getenv("SESSION_FAKESNOW");
        Path fakesnow = configured == null || configured.isBlank() ? null : Path.of(configured);
        if (fakesnow == null || !Files.isExecutable(fakesnow)) {
            String why = "no fakesnow here: set SESSION_FAKESNOW to the fakesnow script of a virtual environment "
                    + "with fakesnow[server] (as .ci/run does) to run this";
            if ("required".equals(System.getenv("SESSION_FAKESNOW_TESTS"))) {
                fail(why + ", but SESSION_FAKESNOW_TESTS=required");
            }
            Assumptions.abort(why);
        }
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new ProcessBuilder(fakesnow.toString(), "-s", "--host", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(work.resolve("fakesnow.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > until) {
                    fail("fakesnow did not start:\n" + Files.readString(work.resolve("fakesnow.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyStatementOfTwoSampleRunsWorksOnFakesnowOrIsListed(@TempDir Path dir) throws Exception {
        try (SnowflakeEmulator sf = new SnowflakeEmulator().storage(StageStorage.folder("s3://feed/",
                dir.resolve("data")))) {
            SnowflakeProjects.write(dir, sf.jdbcUrl(), "s3://feed/", "", "");
            SampleData.write(dir.resolve("data"), 50, 3);
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            SampleData.write(dir.resolve("data"), 60, 4); // new files: the second run rebuilds and publishes again
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            replayOnFakesnow(sf.statements(), "SAMPLE_DB");
        }
    }

    /** Every materialization, from local files (PUT), a day then an incremental day (CLONE, MERGE, views ...). */
    @Test
    void everyStatementOfTheMaterializationsWorksOnFakesnowOrIsListed(@TempDir Path dir) throws Exception {
        try (SnowflakeEmulator sf = new SnowflakeEmulator()) {
            ShopProject.write(dir);
            TestProjects.write(dir, "pipeline.yaml", SnowflakeProjects.block(sf.jdbcUrl()) + ShopProject.DESCRIPTOR);
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            TestProjects.append(dir, "data/events.csv", ShopProject.DAY_TWO);
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            replayOnFakesnow(sf.statements(), "SHOP_DB");
        }
    }

    /** Sends each statement in order; each that fails must match a listed reason, and each reason a failure. */
    static void replayOnFakesnow(List<String> sent, String database) throws SQLException {
        List<String> unlisted = new ArrayList<>();
        Map<String, Integer> matched = new LinkedHashMap<>();
        try (Connection c = connect(database)) {
            for (String sql : sent) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                } catch (SQLException | RuntimeException e) { // the driver throws some failures unchecked
                    String pattern = NOT_EMULATED.keySet().stream().filter(p -> Pattern.compile(p, Pattern.DOTALL)
                            .matcher(sql).find()).findFirst().orElse(null);
                    String why = String.valueOf(e.getMessage());
                    if (pattern == null) {
                        unlisted.add(sql.replaceAll("\\s+", " ") + "\n    -> " + why.lines().findFirst().orElse(""));
                    } else {
                        matched.merge(pattern, 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(List.of(), unlisted, "statements that fail on fakesnow without a listed reason (of "
                + sent.size() + " sent)");
        USED.addAll(matched.keySet());
        REPLAYS.incrementAndGet();
    }

    /** How many projects were replayed: the list is checked whole only when both were (not for one test alone). */
    static final java.util.concurrent.atomic.AtomicInteger REPLAYS = new java.util.concurrent.atomic.AtomicInteger();

    /** Reasons that some replay matched; every reason must be used, or it is no longer true. */
    static final java.util.Set<String> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterAll
    static void everyListedReasonStillHolds() {
        if (server != null && REPLAYS.get() == 2) {
            assertEquals(List.of(), NOT_EMULATED.keySet().stream().filter(p -> !USED.contains(p)).toList(),
                    "listed as not emulated, but no statement failed on it any more: take it off the list");
        }
    }

    static Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.put("user", "SESSION_SVC");
        p.put("password", "fakesnow-takes-any");
        p.put("account", "fakesnow");
        p.put("db", database);
        p.put("disablePlatformDetection", "true");
        Connection c = new net.snowflake.client.jdbc.SnowflakeDriver().connect("jdbc:snowflake://127.0.0.1:" + port
                + "/?ssl=off", p);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database); // an account's database exists before a run
        }
        return c;
    }
}
