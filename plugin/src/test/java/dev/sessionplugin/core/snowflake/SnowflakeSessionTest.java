package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.sample.SampleData;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.snowflake.emulator.StageStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session around the statements, through the emulator: login facts, expiry, names, query ids, CSV escapes. */
class SnowflakeSessionTest {

    @TempDir
    Path dir;
    SnowflakeEmulator sf;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sf = new SnowflakeEmulator().storage(StageStorage.folder("s3://feed/", dir.resolve("data")));
        SnowflakeProjects.write(dir, sf.jdbcUrl(), "s3://feed/", "", "");
        SampleData.write(dir.resolve("data"), 50, 3);
    }

    @AfterEach
    void stop() {
        sf.close();
    }

    void run() {
        SnowflakeProjects.run(dir, Goal.RUN, null, "secret", log);
    }

    List<String> published() {
        return sf.read("SELECT userId || '|' || sessionId || '|' || channel FROM analytics.session_summary").stream()
                .sorted().toList();
    }

    List<String> joinedCsvs() throws Exception {
        return TestProjects.innerJoinOfCsvs(dir).stream().map(r -> r.substring(0, r.lastIndexOf('|'))).sorted()
                .toList();
    }

    @Test
    void aWarehouseThatDoesNotExistStopsTheRunWithTheSettingToFix() {
        sf.warehouses("OTHER_WH");
        SessionException e = TestProjects.failure(this::run);
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("logged in to Snowflake as role TRANSFORMER, but the session has no warehouse "
                + "TRANSFORM_WH"), e.getMessage());
        assertTrue(e.hint().contains("GRANT USAGE ON WAREHOUSE ... TO ROLE TRANSFORMER"), e.hint());
        assertTrue(sf.statements().stream().noneMatch(s -> s.contains("CREATE")), "nothing was created");
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamedToo() {
        sf.databases("OTHER_DB");
        SessionException e = TestProjects.failure(this::run);
        assertTrue(e.getMessage().contains("has no database SESSION_DB"), e.getMessage());
    }

    @Test
    void anExpiredSessionIsReplacedAndTheRunGoesOn() throws Exception {
        sf.expireSessionAt("COPY INTO raw\\.session_timestamp_table");
        run();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN retry 1/3 of stage/session_timestamp.load_csv.sql")
                && l.contains("expired")), log.toString());
        assertEquals(joinedCsvs(), published());
    }

    @Test
    void aSessionThatExpiresInsideThePublishTransactionPublishesNothing() throws Exception {
        run();
        List<String> before = published();
        SampleData.write(dir.resolve("data"), 70, 4);
        sf.expireSessionAt("INSERT OVERWRITE INTO analytics\\.session_summary");
        SessionException e = TestProjects.failure(this::run);
        assertTrue(e.getMessage().contains("none of them was published"), e.getMessage());
        assertEquals(before, published());
        run();
        assertEquals(joinedCsvs(), published(), "the next run publishes");
    }

    @Test
    void aReservedWordAsANameIsRejectedBeforeConnecting() throws Exception {
        TestProjects.write(dir, "models/order.sql.mustache", "SELECT * FROM {{#ref}}session_summary{{/ref}}");
        SessionException e = TestProjects.failure(this::run);
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("the model name 'order' is a reserved word in Snowflake"), e.getMessage());
        assertEquals(List.of(), sf.statements());
    }

    @Test
    void everyStatementReachesRunResultsWithItsQueryId() throws Exception {
        run();
        JsonNode results = new ObjectMapper().readTree(dir.resolve("target/session-reports/run_results.json").toFile());
        List<String> files = new ArrayList<>();
        for (JsonNode s : results.path("statements")) {
            assertTrue(s.path("query_id").asText().matches("01emu-\\d+"), s.toString());
            files.add(s.path("file").asText());
        }
        for (String expected : List.of("stage/session_timestamp.load_csv.sql", "test/session_summary.unique_sessionId"
                + ".keep.sql", "swap/session_summary.first_publish.sql")) {
            assertTrue(files.contains(expected), expected + " in " + files);
        }
        assertEquals(sf.statements().size(), files.size(), "every statement the warehouse received is listed");
    }

    @Test
    void theSupersetBundleIsExportedOfflineFromTheCompileCatalog() throws Exception {
        SnowflakeProjects.write(dir, sf.jdbcUrl(), "s3://feed/", "",
                dev.sessionplugin.core.superset.SupersetExportTestSupport.SUPERSET);
        sf.close(); // nothing answers at the account's address any more
        SnowflakeProjects.run(dir, Goal.EXPORT_SUPERSET, null, "secret", log);
        Path zip = dir.resolve("target/superset/session-superset.zip");
        dev.sessionplugin.core.BundleValidator.assertValid(zip);
        String dataset = SnowflakeDriverTest.entry(zip, "session_superset/datasets/session_snowflake/session_summary.yaml");
        assertTrue(dataset.contains("column_name: userid") && dataset.contains("column_name: ts"), dataset);
        assertTrue(log.stream().anyMatch(l -> l.contains("offline, columns from the compile catalog")), log.toString());
        assertTrue(Files.notExists(dir.resolve("target/superset/wau.html")), "no numbers without a connection");
    }

    @Test
    void aBackslashInAnUnquotedFieldIsDataAsOnDuckDb() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("data/user_session_channel.csv")));
        String[] cells = lines.get(1).split(",");
        lines.set(1, cells[0] + "," + cells[1] + ",Dir\\ect");
        Files.write(dir.resolve("data/user_session_channel.csv"), lines);
        run();
        assertEquals(List.of("Dir\\ect"), sf.read("SELECT channel FROM analytics.session_summary WHERE sessionId = '"
                + cells[1] + "'"));
    }
}
