package dev.sessionplugin.core.snowflake;

import static dev.sessionplugin.core.snowflake.FakeSnowflake.Answer;
import static dev.sessionplugin.core.snowflake.FakeSnowflake.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.BundleValidator;
import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.superset.SupersetExportTestSupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Snowflake JDBC driver against a fake Snowflake on loopback: what the plugin sends, in which order. */
class SnowflakeDriverTest {

    static final String SECRET = "hunter2-not-logged";

    @TempDir
    Path dir;
    FakeSnowflake fake;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSnowflake();
        TestProjects.write(dir, "pipeline.yaml", """
                snowflake:
                  url: %s
                  account: myorg-myaccount
                  user: SESSION_SVC
                  role: TRANSFORMER
                  warehouse: TRANSFORM_WH
                  database: SESSION_DB
                  sources: s3://s3-geospatial/readonly/
                  read_roles: [REPORTER]
                """.formatted(fake.jdbcUrl()) + TestProjects.DESCRIPTOR + SupersetExportTestSupport.SUPERSET);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** A warehouse holding staged tables; the live table exists when {@code live}; every check passes. */
    void script(boolean live) {
        fake.on("INFORMATION_SCHEMA.SCHEMATA", Answer.count(1))
                .on("FILE_FORMAT => 'raw.user_session_channel_header'", header("userId", "sessionId", "channel"))
                .on("FILE_FORMAT => 'raw.session_timestamp_header'", header("sessionId", "ts"))
                .on("TABLE_NAME = UPPER\\('session_summary'\\)", Answer.count(live ? 1 : 0), live ? -1 : 1)
                .on("INFORMATION_SCHEMA.TABLES", Answer.count(1))
                .on("COPY INTO raw\\.user_session_channel_table", copied("user_session_channel.csv", "LOADED", 99))
                .on("COPY INTO raw\\.session_timestamp_table", copied("session_timestamp.csv", "LOADED", 98))
                .on("FROM session_meta\\.shadows WHERE", Answer.count(1))
                .on("SELECT COUNT\\(\\*\\) FROM audit\\.", Answer.count(0))
                .on("SELECT COUNT\\(\\*\\) FROM analytics\\.", Answer.count(97))
                .on("SELECT \\* FROM analytics\\.session_summary(__shadow)? LIMIT 0", Answer.rows(columns(
                        "USERID", "text", "SESSIONID", "text", "CHANNEL", "text", "TS", "timestamp_ntz"), List.of()))
                .on("DATE_TRUNC\\('week'", Answer.rows(columns("PERIOD", "date", "VALUE", "fixed"),
                        List.of(List.of("18017", "41"), List.of("18024", "57"))));
    }

    /** A header line read through the stage: the names, then NULL for the extra column asked for. */
    static Answer header(String... names) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        List<String> row = new ArrayList<>(List.of(names));
        row.add(null);
        for (int i = 1; i <= row.size(); i++) {
            columns.put("C" + i, "text");
        }
        return Answer.rows(columns, List.of(row));
    }

    static Answer copied(String file, String status, long rows) {
        return Answer.rows(columns("file", "text", "status", "text", "rows_parsed", "fixed", "rows_loaded", "fixed",
                "error_limit", "fixed", "errors_seen", "fixed", "first_error", "text", "first_error_line", "fixed",
                "first_error_character", "fixed", "first_error_column_name", "text"),
                List.of(List.of("s3://s3-geospatial/readonly/" + file, status, String.valueOf(rows),
                        String.valueOf(status.equals("LOADED") ? rows : 0), "1", status.equals("LOADED") ? "0" : "1",
                        status.equals("LOADED") ? "" : "Timestamp 'yesterday' is not recognized",
                        status.equals("LOADED") ? "" : "4", "12", status.equals("LOADED") ? "" : "\"TS\"")));
    }

    void run(Goal goal) {
        RunOptions options = RunOptions.DEFAULTS.withCredentials(id -> new Credentials(null, SECRET, null, null, null));
        TestProjects.execute(new RunRequest(goal, dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake", null,
                null, "test", options), log);
    }

    int indexOf(String regex) {
        List<String> sent = fake.statements();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).matches("(?s).*" + regex + ".*")) {
                return i;
            }
        }
        return -1;
    }

    int lastIndexOf(String regex) {
        List<String> sent = fake.statements();
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).matches("(?s).*" + regex + ".*")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void firstRunRenamesTheShadowOnlyAfterEveryCheckAndTagsEachStatement() throws Exception {
        script(false);
        run(Goal.RUN);
        int rename = indexOf("ALTER TABLE analytics\\.session_summary__shadow RENAME TO analytics\\.session_summary");
        assertTrue(rename > 0, fake.statements().toString());
        assertEquals(-1, indexOf("SWAP WITH"), "no live table yet: rename, not swap");
        assertTrue(rename > lastIndexOf("FROM audit\\."), "publish comes after the last check");
        assertTrue(indexOf("GRANT SELECT ON TABLE analytics\\.session_summary__shadow TO ROLE REPORTER") < rename);
        assertTrue(indexOf("CREATE OR REPLACE STAGE raw\\.user_session_channel_stage\\s+URL = 's3://s3-geospatial/readonly/'")
                < indexOf("COPY INTO raw\\.user_session_channel_table"));
        var ctas = fake.received().get(indexOf("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow AS"));
        assertEquals("session:session:session_summary:ctas", ctas.queryTag());
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +user_session_channel +OK +99 rows.*")), log.toString());

        String results = Files.readString(dir.resolve("target/session-reports/run_results.json"));
        assertTrue(results.matches("(?s).*\"step\" : \"ctas\".*\"query_id\" : \"01fake-\\d+\".*"), results);
    }

    @Test
    void steadyStateSwapsThenDropsThePreviousVersion() {
        script(true);
        run(Goal.RUN);
        int swap = indexOf("ALTER TABLE analytics\\.session_summary SWAP WITH analytics\\.session_summary__shadow");
        assertTrue(swap > lastIndexOf("FROM audit\\."), fake.statements().toString());
        assertTrue(indexOf("DROP TABLE IF EXISTS analytics\\.session_summary__shadow") > swap);
        assertEquals(-1, indexOf("RENAME TO analytics\\.session_summary$"));
    }

    @Test
    void aFailingCheckMeansNoSwapAtAll() {
        fake.on("SELECT COUNT\\(\\*\\) FROM audit\\.session_summary__unique_sessionId", Answer.count(2));
        script(true);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.CHECK, e.kind());
        assertEquals(-1, indexOf("SWAP WITH"));
        assertEquals(-1, indexOf("RENAME TO"));
    }

    @Test
    void aStatementTimeoutIsRetriedAndLogged() {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("000630", "57014",
                "Statement reached its statement or warehouse timeout of 60 second(s) and was canceled."), 1);
        script(false);
        run(Goal.RUN);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN retry 1/3 of ctas/session_summary.ctas_shadow.sql")),
                log.toString());
        assertEquals(2, fake.statements().stream().filter(s -> s.contains("session_summary__shadow AS")).count());
    }

    @Test
    void aCompilationErrorNamesCodeQueryIdAndTheRenderedFile() {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("002003", "42S02",
                "SQL compilation error:\nObject 'RAW.USER_SESSION_CHANNEL_TABLE' does not exist or not authorized."));
        script(false);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertEquals("models/session_summary.sql.mustache", e.location().file());
        assertTrue(e.getMessage().contains("Snowflake error 2003 (42S02): SQL compilation error"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\[query id 01fake-\\d+\\].*"), e.getMessage());
        assertTrue(e.hint().contains("target/session/rendered/ctas/session_summary.ctas_shadow.sql"), e.hint());
        assertEquals(1, fake.statements().stream().filter(s -> s.contains("session_summary__shadow AS")).count(),
                "SQL errors are not retried");
    }

    @Test
    void debugNamesAMissingWarehouseAndTheSchemasWithoutRunningAnything() {
        fake.on("CURRENT_WAREHOUSE\\(\\)", Answer.rows(columns("ACCOUNT", "text", "USER_NAME", "text", "ROLE_NAME",
                "text", "WAREHOUSE_NAME", "text", "DATABASE_NAME", "text", "ENGINE_VERSION", "text"),
                List.of(java.util.Arrays.asList("MYACCOUNT", "SESSION_SVC", "TRANSFORMER", null, "SESSION_DB", "9.1"))))
                .on("INFORMATION_SCHEMA.SCHEMATA", Answer.count(1));
        SessionException e = TestProjects.failure(() -> dev.sessionplugin.core.Diagnosis.run(new RunRequest(Goal.RUN,
                dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake", null, null, "test",
                RunOptions.DEFAULTS.withCredentials(id -> new Credentials(null, SECRET, null, null, null)))));
        assertTrue(e.getMessage().contains("OK      credentials: user SESSION_SVC with a password"), e.getMessage());
        assertTrue(e.getMessage().contains("FAILED  session: no warehouse in use after login"), e.getMessage());
        assertTrue(e.getMessage().contains("OK      schema analytics: exists"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(-1, indexOf("CREATE"), "nothing is created: " + fake.statements());
    }

    /** Answers the comment lookup after a lost SWAP answer: where this publish's tag is, if the SWAP ran. */
    void tagFoundUnderLiveName(boolean swapRan) {
        fake.onEach("SELECT COMMENT FROM INFORMATION_SCHEMA\\.TABLES", sql -> {
            String tag = fake.statements().stream().filter(t -> t.contains("COMMENT ON TABLE"))
                    .map(t -> t.replaceAll("(?s).*IS '([^']*)'.*", "$1")).reduce((a, b) -> b).orElse("");
            return Answer.rows(columns("COMMENT", "text"), List.of(java.util.Arrays.asList(swapRan ? tag : null)));
        });
    }

    @Test
    void aSwapWhoseAnswerWasLostIsNotSentAgainWhenItRan() {
        fake.on("SWAP WITH", Answer.error("200015", "08006", "connection reset by peer"), 1);
        tagFoundUnderLiveName(true);
        script(true);
        run(Goal.RUN);
        assertEquals(1, fake.statements().stream().filter(t -> t.contains("SWAP WITH")).count(),
                "a second SWAP would swap the new version back: " + fake.statements());
        assertTrue(indexOf("COMMENT ON TABLE analytics\\.session_summary__shadow IS 'session-run ")
                < indexOf("SWAP WITH"), "the shadow is tagged before the swap");
        assertTrue(indexOf("DROP TABLE IF EXISTS analytics\\.session_summary__shadow") > indexOf("SWAP WITH"));
    }

    @Test
    void aSwapWhoseAnswerWasLostIsSentOnceMoreWhenItDidNotRun() {
        fake.on("SWAP WITH", Answer.error("200015", "08006", "connection reset by peer"), 1);
        tagFoundUnderLiveName(false);
        script(true);
        run(Goal.RUN);
        assertEquals(2, fake.statements().stream().filter(t -> t.contains("SWAP WITH")).count(), fake.statements().toString());
    }

    @Test
    void anOperatorsCancelIsNotRetried() {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("000604", "57014",
                "SQL execution canceled"), 1);
        script(false);
        TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(1, fake.statements().stream().filter(t -> t.contains("session_summary__shadow AS")).count());
    }

    @Test
    void theSessionRunsInUtcWithBoundedTimeoutsAndCountsCtasRows() {
        script(false);
        run(Goal.RUN);
        String login = fake.logins().get(0);
        assertTrue(login.contains("\"TIMEZONE\":\"UTC\""), login);
        assertTrue(login.contains("\"STATEMENT_TIMEOUT_IN_SECONDS\""), login);
        assertTrue(log.stream().anyMatch(l -> l.matches("ctas +session_summary +OK +97 rows.*")),
                "CTAS is DDL on Snowflake: the rows are counted, not taken from the update count: " + log);
    }

    @Test
    void aRoleThatOwnsPreCreatedSchemasNeverAsksToCreateOne() {
        script(true);
        run(Goal.RUN);
        assertEquals(-1, indexOf("CREATE SCHEMA"), "the schemas exist: looked up, not created: " + fake.statements());
        assertEquals(5, fake.statements().stream().filter(t -> t.contains("INFORMATION_SCHEMA.SCHEMATA")).count(),
                "each schema is looked up once per run (the meta schema also by the run lock)");
    }

    @Test
    void aCreatedPublishedSchemaIsReadableByTheReadRolesAndStagingTablesAreTransientAndZoneless() {
        fake.on("SCHEMA_NAME = UPPER\\('analytics'\\)", Answer.count(0));
        script(true);
        run(Goal.RUN);
        int created = indexOf("CREATE SCHEMA IF NOT EXISTS analytics");
        assertTrue(created >= 0 && indexOf("GRANT USAGE ON SCHEMA analytics TO ROLE REPORTER") > created,
                fake.statements().toString());
        assertTrue(indexOf("CREATE OR REPLACE TRANSIENT TABLE raw\\.session_timestamp_table \\(sessionId VARCHAR, "
                + "ts TIMESTAMP_NTZ\\)") >= 0, fake.statements().toString());
        assertTrue(indexOf("CREATE OR REPLACE TRANSIENT TABLE audit\\.session_summary__unique_sessionId") >= 0);
    }

    @Test
    void aFileWithReorderedColumnsIsStoppedBeforeCopyLoadsItByPosition() {
        fake.on("FILE_FORMAT => 'raw.user_session_channel_header'", header("sessionId", "userId", "channel"));
        script(true);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertEquals("s3://s3-geospatial/readonly/user_session_channel.csv:1", e.location().toString());
        assertTrue(e.getMessage().contains("header [sessionId, userId, channel] does not match"), e.getMessage());
        assertEquals(-1, indexOf("COPY INTO raw\\.user_session_channel_table"), "nothing was loaded");
    }

    @Test
    void aMissingSchemaIsCreated() {
        fake.on("SCHEMA_NAME = UPPER\\('audit'\\)", Answer.count(0));
        script(true);
        run(Goal.RUN);
        assertTrue(indexOf("CREATE SCHEMA IF NOT EXISTS audit") >= 0, fake.statements().toString());
        assertEquals(-1, indexOf("CREATE SCHEMA IF NOT EXISTS analytics"));
    }

    @Test
    void aCopyThatLoadedNoFileFailsTheStageAndPublishesNothing() {
        fake.on("COPY INTO raw\\.session_timestamp_table", Answer.rows(columns("status", "text"),
                List.of(List.of("Copy executed with 0 files processed."))));
        script(true);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().contains("COPY INTO loaded no file"), e.getMessage());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE analytics"), "no model is built from an empty table");
        assertEquals(-1, indexOf("SWAP WITH"));
    }

    @Test
    void theStageFollowsTheSourcesOverrideOnEveryRun() {
        script(true);
        run(Goal.RUN);
        RunOptions options = RunOptions.DEFAULTS.withCredentials(id -> new Credentials(null, SECRET, null, null, null));
        TestProjects.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake",
                null, "s3://other-bucket/daily/", "test", options), new ArrayList<>());
        assertTrue(lastIndexOf("CREATE OR REPLACE STAGE raw\\.session_timestamp_stage\\s+URL = 's3://other-bucket/daily/'")
                > indexOf("CREATE OR REPLACE STAGE raw\\.session_timestamp_stage\\s+URL = 's3://s3-geospatial/readonly/'"),
                fake.statements().toString());
    }

    @Test
    void aFileThatDidNotLoadFailsTheStageWithItsLine() {
        fake.on("COPY INTO raw\\.session_timestamp_table", copied("session_timestamp.csv", "LOAD_FAILED", 10));
        script(false);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertEquals("s3://s3-geospatial/readonly/session_timestamp.csv:4", e.location().toString());
        assertTrue(e.getMessage().contains("Timestamp 'yesterday' is not recognized"), e.getMessage());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE analytics"));
    }

    @Test
    void aFailedSwapPutsEarlierModelsBack() throws Exception {
        TestProjects.write(dir, "models/channel_counts.sql.mustache",
                "SELECT channel, COUNT(*) AS sessions FROM {{#ref}}session_summary{{/ref}} GROUP BY channel");
        fake.on("ALTER TABLE analytics\\.channel_counts SWAP WITH", Answer.error("003001", "42501",
                "SQL access control error: Insufficient privileges to operate on table 'CHANNEL_COUNTS'"));
        fake.on("TABLE_NAME = UPPER\\('channel_counts'\\)", Answer.count(1));
        script(true);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertTrue(e.getMessage().contains("publishing channel_counts failed, earlier models were put back"),
                e.getMessage());
        int first = indexOf("ALTER TABLE analytics\\.session_summary SWAP WITH");
        int undo = lastIndexOf("ALTER TABLE analytics\\.session_summary SWAP WITH");
        assertTrue(first >= 0 && undo > indexOf("ALTER TABLE analytics\\.channel_counts SWAP WITH") && undo > first,
                fake.statements().toString());
        assertEquals(-1, indexOf("DROP TABLE IF EXISTS analytics\\.session_summary__shadow"),
                "the previous version is kept when the publish was undone");
        assertTrue(indexOf("DELETE FROM session_meta\\.shadows WHERE model = 'session_summary'") < first,
                "the ledger entry is consumed before the swap: a later session:swap cannot publish these shadows again");
    }

    @Test
    void supersetBundleForSnowflakeIsValidAndHoldsNoSecret() throws Exception {
        script(false);
        run(Goal.RUN);
        Path zip = dir.resolve("target/superset/session-superset.zip");
        BundleValidator.assertValid(zip);
        String db = entry(zip, "session_superset/databases/session_snowflake.yaml");
        assertTrue(db.contains("sqlalchemy_uri: snowflake://SESSION_SVC:XXXXXXXXXX@myorg-myaccount/SESSION_DB/ANALYTICS"
                + "?role=TRANSFORMER&warehouse=TRANSFORM_WH"), db);
        String dataset = entry(zip, "session_superset/datasets/session_snowflake/session_summary.yaml");
        assertTrue(dataset.contains("normalize_columns: true") && dataset.contains("column_name: userid"), dataset);

        List<String> leaks = new ArrayList<>();
        log.stream().filter(l -> l.contains(SECRET)).forEach(leaks::add);
        try (Stream<Path> files = Files.walk(dir.resolve("target"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET)) {
                    leaks.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), leaks);
        assertFalse(fake.statements().stream().anyMatch(s -> s.contains(SECRET)));
    }

    @Test
    void aRunFromAnotherMachineHoldingTheSchemaLockFailsFastNamingIt() {
        fake.on("CREATE TABLE session_meta\\.run_lock", Answer.error("002002", "42710",
                "SQL compilation error:\nObject 'RUN_LOCK' already exists."));
        fake.on("FROM session_meta\\.run_lock", Answer.rows(columns("HOLDER", "text", "AGE_MINUTES", "fixed"),
                List.of(List.of("pid 4242 on build-7 since 2026-11-25T06:00:00Z", "3"))));
        script(true);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertTrue(e.getMessage().contains("another run holds the lock on schema analytics (pid 4242 on build-7 since "
                + "2026-11-25T06:00:00Z)"), e.getMessage());
        assertTrue(e.hint().contains("DROP TABLE session_meta.run_lock"), e.hint());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE"), "nothing was built");
        assertEquals(-1, indexOf("DROP TABLE IF EXISTS session_meta\\.run_lock"), "another run's lock is left alone");
    }

    @Test
    void aStaleSchemaLockIsTakenOverAndEveryRunReleasesItsOwn() {
        fake.on("CREATE TABLE session_meta\\.run_lock", Answer.error("002002", "42710",
                "SQL compilation error:\nObject 'RUN_LOCK' already exists."), 1);
        fake.on("FROM session_meta\\.run_lock", Answer.rows(columns("HOLDER", "text", "AGE_MINUTES", "fixed"),
                List.of(List.of("pid 1 on gone since 2026-11-20T00:00:00Z", "7000"))));
        script(true);
        run(Goal.RUN);
        assertTrue(log.stream().anyMatch(l -> l.contains("recover a run lock 7000 minutes old is stale")), log.toString());
        int claim = lastIndexOf("INSERT INTO session_meta\\.run_lock");
        assertTrue(claim >= 0 && claim < indexOf("COPY INTO"), fake.statements().toString());
        assertEquals(fake.statements().size() - 1, lastIndexOf("DROP TABLE IF EXISTS session_meta\\.run_lock"),
                "released last");
    }

    static String entry(Path zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " not in " + zip);
    }
}
