package dev.sessionplugin.core.snowflake;

import static dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator.Answer;
import static dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator.columns;
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
import dev.sessionplugin.core.sample.SampleData;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.snowflake.emulator.StageStorage;
import dev.sessionplugin.core.superset.SupersetExportTestSupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Snowflake JDBC driver against the Snowflake emulator on loopback: what the plugin sends, in which order,
 * and what the account holds afterwards. The sources are files under a folder the stage's S3 URL leads to.
 */
class SnowflakeDriverTest {

    static final String SECRET = "hunter2-not-logged";

    @TempDir
    Path dir;
    SnowflakeEmulator fake;
    SampleData.Written sample;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>()); // two runs share it in one test

    @BeforeEach
    void start() throws Exception {
        fake = new SnowflakeEmulator().storage(StageStorage.folder("s3://s3-geospatial/readonly/", dir.resolve("data")));
        sample = SampleData.write(dir.resolve("data"), 100, 7);
        SnowflakeProjects.write(dir, fake.jdbcUrl(), "s3://s3-geospatial/readonly/", "  read_roles: [REPORTER]\n",
                SupersetExportTestSupport.SUPERSET);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /**
     * The live table exists when {@code live} (an earlier run published it, and the files changed since); the
     * statements sent so far are forgotten.
     */
    void script(boolean live) {
        if (live) {
            run(Goal.RUN);
            log.clear();
            try {
                sample = SampleData.write(dir.resolve("data"), 120, 8); // new data: the next run has work to do
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        from = fake.statements().size();
    }

    int from;

    List<String> sent() {
        List<String> all = fake.statements();
        return all.subList(from, all.size());
    }

    void run(Goal goal) {
        SnowflakeProjects.run(dir, goal, null, SECRET, log);
    }

    int indexOf(String regex) {
        List<String> sent = sent();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).matches("(?s).*" + regex + ".*")) {
                return i;
            }
        }
        return -1;
    }

    int lastIndexOf(String regex) {
        List<String> sent = sent();
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
        assertTrue(rename > 0, sent().toString());
        assertEquals(-1, indexOf("SWAP WITH"), "no live table yet: rename, not swap");
        assertTrue(rename > lastIndexOf("FROM audit\\."), "publish comes after the last check");
        assertTrue(indexOf("GRANT SELECT ON TABLE analytics\\.session_summary__shadow TO ROLE REPORTER") < rename);
        assertTrue(indexOf("CREATE OR REPLACE STAGE raw\\.user_session_channel_stage\\s+URL = 's3://s3-geospatial/readonly/'")
                < indexOf("COPY INTO raw\\.user_session_channel_table"));
        var ctas = fake.received().get(from + indexOf("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow AS"));
        assertEquals("session:session:session_summary:ctas", ctas.queryTag());
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +user_session_channel +OK +" + sample.channelRows()
                + " rows.*")), log.toString());

        String results = Files.readString(dir.resolve("target/session-reports/run_results.json"));
        assertTrue(results.matches("(?s).*\"step\" : \"ctas\".*\"query_id\" : \"01emu-\\d+\".*"), results);
    }

    /** The inner join of the staged CSVs, computed without the plugin, as sorted {@code userId|sessionId|channel}. */
    List<String> joinedCsvs() throws Exception {
        return TestProjects.innerJoinOfCsvs(dir).stream().map(r -> r.substring(0, r.lastIndexOf('|'))).sorted().toList();
    }

    /** The published rows, sorted, as {@code userId|sessionId|channel}. */
    List<String> published() {
        return fake.read("SELECT userId || '|' || sessionId || '|' || channel FROM analytics.session_summary")
                .stream().sorted().toList();
    }

    @Test
    void steadyStateOverwritesTheLiveTableInOneTransactionThatAlsoReprovesTheLock() throws Exception {
        script(true);
        run(Goal.RUN);
        int begin = indexOf("BEGIN TRANSACTION NAME session_publish");
        int overwrite = indexOf("INSERT OVERWRITE INTO analytics\\.session_summary SELECT \\* FROM analytics\\.session_summary__shadow");
        int lease = indexOf("SELECT COUNT\\(\\*\\) FROM session_meta\\.run_lease WHERE holder = ");
        int record = indexOf("INSERT INTO session_meta\\.publishes");
        int commit = indexOf("^COMMIT");
        assertTrue(lastIndexOf("FROM audit\\.") < begin && begin < overwrite && overwrite < lease && lease < record
                && record < commit, sent().toString());
        assertTrue(indexOf("DROP TABLE IF EXISTS analytics\\.session_summary__shadow") > commit);
        assertEquals(-1, indexOf("SWAP WITH"));
        assertEquals(-1, indexOf("RENAME TO"));
        assertEquals(joinedCsvs(), published(), "the files of the second run, joined independently");
        assertTrue(fake.grants("analytics.session_summary").contains("SELECT:REPORTER"),
                "the live object and its grants stay: " + fake.grants("analytics.session_summary"));
    }

    @Test
    void aFailingCheckMeansNoSwapAtAll() throws Exception {
        script(true);
        List<String> before = fake.read("SELECT COUNT(*) FROM analytics.session_summary");
        TestProjects.append(dir, "data/user_session_channel.csv", "u-dup,"
                + firstSession() + ",Direct\n");
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.CHECK, e.kind());
        assertEquals(-1, indexOf("SWAP WITH"));
        assertEquals(-1, indexOf("RENAME TO"));
        assertEquals(before, fake.read("SELECT COUNT(*) FROM analytics.session_summary"), "the published table is as it was");
        assertEquals(List.of("1"), fake.read("SELECT COUNT(*) FROM audit.session_summary__unique_sessionId"));
    }

    /** A session id that the timestamp file holds. */
    String firstSession() throws Exception {
        return Files.readAllLines(dir.resolve("data/session_timestamp.csv")).get(1).split(",")[0];
    }

    @Test
    void aStatementTimeoutIsRetriedAndLogged() {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("000630", "57014",
                "Statement reached its statement or warehouse timeout of 60 second(s) and was canceled."), 1);
        script(false);
        run(Goal.RUN);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN retry 1/3 of ctas/session_summary.ctas_shadow.sql")),
                log.toString());
        assertEquals(2, sent().stream().filter(s -> s.contains("session_summary__shadow AS")).count());
    }

    @Test
    void aCompilationErrorNamesCodeQueryIdAndTheRenderedFile() throws Exception {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("002003", "42S02",
                "SQL compilation error:\nObject 'RAW.USER_SESSION_CHANNEL_TABLE' does not exist or not authorized."));
        script(false);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertEquals("models/session_summary.sql.mustache", e.location().file());
        assertTrue(e.getMessage().contains("Snowflake error 2003 (42S02): SQL compilation error"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\[query id 01emu-\\d+\\].*"), e.getMessage());
        assertTrue(e.hint().contains("target/session/rendered/session_summary.sql (under '-- statement: "
                + "ctas/session_summary.ctas_shadow.sql')"), e.hint());
        String written = Files.readString(dir.resolve("target/session/rendered/session_summary.sql"));
        assertTrue(written.contains("-- statement: ctas/session_summary.ctas_shadow.sql\n"), written);
        assertTrue(written.contains("CREATE OR REPLACE TABLE analytics.session_summary__shadow"), written);
        assertEquals(1, sent().stream().filter(s -> s.contains("session_summary__shadow AS")).count(),
                "SQL errors are not retried");
    }

    @Test
    void debugNamesAMissingWarehouseAndTheSchemasWithoutRunningAnything() {
        fake.warehouses("OTHER_WH").admin("CREATE SCHEMA analytics");
        SessionException e = TestProjects.failure(() -> dev.sessionplugin.core.Diagnosis.run(new RunRequest(Goal.RUN,
                dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake", null, null, "test",
                RunOptions.DEFAULTS.withCredentials(id -> new Credentials(null, SECRET, null, null, null)))));
        assertTrue(e.getMessage().contains("OK      credentials: user SESSION_SVC with a password"), e.getMessage());
        assertTrue(e.getMessage().contains("FAILED  session: no warehouse in use after login"), e.getMessage());
        assertTrue(e.getMessage().contains("OK      schema analytics: exists"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(-1, indexOf("CREATE"), "nothing is created: " + sent());
    }

    /** A model whose columns change from one run to the next: its table is replaced by a SWAP, not overwritten. */
    void changeColumns() throws Exception {
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL.replace("st.ts",
                "st.ts, 2 AS version"));
    }

    @Test
    void aCommitWhoseAnswerWasLostIsSettledByThePublishRecord() {
        script(true);
        fake.afterRunning("^COMMIT", Answer.error("200015", "08006", "connection reset by peer"), 1);
        run(Goal.RUN);
        assertEquals(1, sent().stream().filter(t -> t.equals("COMMIT")).count(), sent().toString());
        assertTrue(indexOf("SELECT COUNT\\(\\*\\) FROM session_meta\\.publishes WHERE publish_id") > indexOf("^COMMIT"));
        assertEquals(List.of(String.valueOf(sample.channelRows())), fake.read("SELECT COUNT(*) FROM raw.user_session_channel_table"));
    }

    @Test
    void aCommitThatNeverRanPublishesNothingAndTheNextRunDoes() {
        script(true);
        List<String> before = published();
        fake.on("^COMMIT", Answer.error("200015", "08006", "connection reset by peer"), 1);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertTrue(e.getMessage().contains("none of session_summary was published"), e.getMessage());
        assertEquals(before, published(), "the open transaction ended with its session: rolled back");
        run(Goal.RUN);
        assertTrue(!before.equals(published()), "the next run publishes the new files");
    }

    @Test
    void aSwapWhoseAnswerWasLostIsNotSentAgainWhenItRan() throws Exception {
        script(true);
        changeColumns();
        fake.afterRunning("SWAP WITH", Answer.error("200015", "08006", "connection reset by peer"), 1);
        run(Goal.RUN);
        assertEquals(1, sent().stream().filter(t -> t.contains("SWAP WITH")).count(),
                "a second SWAP would swap the new version back: " + sent());
        assertTrue(indexOf("COMMENT ON TABLE analytics\\.session_summary__shadow IS 'session-run ")
                < indexOf("SWAP WITH"), "the shadow is tagged before the swap");
        assertTrue(indexOf("DROP TABLE IF EXISTS analytics\\.session_summary__shadow") > indexOf("SWAP WITH"));
        assertEquals(List.of("2"), fake.read("SELECT DISTINCT version FROM analytics.session_summary"));
        assertEquals(List.of(), log.stream().filter(l -> l.contains("on its own")).toList(), "one model: nothing to be apart from");
    }

    @Test
    void aSwapWhoseAnswerWasLostIsSentOnceMoreWhenItDidNotRun() throws Exception {
        script(true);
        changeColumns();
        fake.on("SWAP WITH", Answer.error("200015", "08006", "connection reset by peer"), 1);
        run(Goal.RUN);
        assertEquals(2, sent().stream().filter(t -> t.contains("SWAP WITH")).count(), sent().toString());
        assertEquals(List.of("2"), fake.read("SELECT DISTINCT version FROM analytics.session_summary"));
    }

    @Test
    void anOperatorsCancelIsNotRetried() {
        fake.on("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow", Answer.error("000604", "57014",
                "SQL execution canceled"), 1);
        script(false);
        TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(1, sent().stream().filter(t -> t.contains("session_summary__shadow AS")).count());
    }

    @Test
    void theSessionRunsInUtcWithBoundedTimeoutsAndCountsCtasRows() {
        script(false);
        run(Goal.RUN);
        String login = fake.logins().get(0);
        assertTrue(login.contains("\"TIMEZONE\":\"UTC\""), login);
        assertTrue(login.contains("\"STATEMENT_TIMEOUT_IN_SECONDS\""), login);
        assertTrue(login.contains("\"LOCK_TIMEOUT\":\"900\""), login);
        assertTrue(login.contains("\"PLATFORM\":[\"disabled\"]"), "the driver probes no cloud metadata host: " + login);
        assertFalse(login.contains("DISABLE_PLATFORM_DETECTION"), "not forwarded to the server as a session parameter");
        String rows = fake.read("SELECT COUNT(*) FROM analytics.session_summary").get(0);
        assertTrue(log.stream().anyMatch(l -> l.matches("ctas +session_summary +OK +" + rows + " rows.*")),
                "CTAS is DDL on Snowflake: the rows are counted, not taken from the update count: " + log);
    }

    @Test
    void aRoleThatOwnsPreCreatedSchemasNeverAsksToCreateOne() {
        fake.withoutCreateSchema("TRANSFORMER");
        List.of("raw", "analytics", "audit", "session_meta").forEach(schema -> fake.admin("CREATE SCHEMA " + schema));
        run(Goal.RUN);
        log.clear();
        script(false);
        run(Goal.RUN);
        assertEquals(-1, indexOf("CREATE SCHEMA"), "the schemas exist: looked up, not created: " + sent());
        assertEquals(5, sent().stream().filter(t -> t.contains("INFORMATION_SCHEMA.SCHEMATA")).count(),
                "each schema is looked up once per run (the meta schema also by the run lock)");
    }

    @Test
    void aCreatedPublishedSchemaIsReadableByTheReadRolesAndStagingTablesAreTransientAndZoneless() {
        script(false);
        run(Goal.RUN);
        int created = indexOf("CREATE SCHEMA IF NOT EXISTS analytics");
        assertTrue(created >= 0 && indexOf("GRANT USAGE ON SCHEMA analytics TO ROLE REPORTER") > created,
                sent().toString());
        assertTrue(indexOf("CREATE OR REPLACE TRANSIENT TABLE raw\\.session_timestamp_table \\(sessionId VARCHAR, "
                + "ts TIMESTAMP_NTZ\\)") >= 0, sent().toString());
        assertTrue(indexOf("CREATE OR REPLACE TRANSIENT TABLE audit\\.session_summary__unique_sessionId") >= 0);
        assertTrue(fake.schemaGrants().contains("USAGE:ANALYTICS:REPORTER"), fake.schemaGrants().toString());
        assertTrue(fake.grants("analytics.session_summary").contains("SELECT:REPORTER"));
        assertTrue(fake.isTransient("raw.session_timestamp_table") && fake.isTransient("audit.session_summary__unique_sessionId"));
        assertFalse(fake.isTransient("analytics.session_summary"), "the published table keeps Fail-safe");
    }

    @Test
    void aFileWithReorderedColumnsIsStoppedBeforeCopyLoadsItByPosition() throws Exception {
        script(true);
        List<String> lines = Files.readAllLines(dir.resolve("data/user_session_channel.csv"));
        TestProjects.write(dir, "data/user_session_channel.csv", String.join("\n", lines.stream()
                .map(l -> l.split(",")).map(c -> c[1] + "," + c[0] + "," + c[2]).toList()) + "\n");
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertEquals("s3://s3-geospatial/readonly/user_session_channel.csv:1", e.location().toString());
        assertTrue(e.getMessage().contains("header [sessionId, userId, channel] does not match"), e.getMessage());
        assertEquals(-1, indexOf("COPY INTO raw\\.user_session_channel_table"), "nothing was loaded");
    }

    @Test
    void aMissingSchemaIsCreated() {
        List.of("raw", "analytics", "session_meta").forEach(schema -> fake.admin("CREATE SCHEMA " + schema));
        script(false);
        run(Goal.RUN);
        assertTrue(indexOf("CREATE SCHEMA IF NOT EXISTS audit") >= 0, sent().toString());
        assertEquals(-1, indexOf("CREATE SCHEMA IF NOT EXISTS analytics"));
    }

    @Test
    void aCopyThatLoadedNoFileFailsTheStageAndPublishesNothing() {
        script(true);
        List<String> before = fake.read("SELECT COUNT(*) FROM analytics.session_summary");
        // Gone between the header check and the COPY: Snowflake answers "0 files processed", not an error.
        fake.beforeRunning("COPY INTO raw\\.session_timestamp_table", () -> dir.resolve("data/session_timestamp.csv")
                .toFile().delete());
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertTrue(e.getMessage().contains("COPY INTO loaded no file"), e.getMessage());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE analytics"), "no model is built from an empty table");
        assertEquals(-1, indexOf("SWAP WITH"));
        assertEquals(before, fake.read("SELECT COUNT(*) FROM analytics.session_summary"));
    }

    @Test
    void theStageFollowsTheSourcesOverrideOnEveryRun() throws Exception {
        Path other = dir.resolve("other");
        SampleData.write(other.resolve("data"), 40, 9);
        fake.storage(StageStorage.folder("s3://s3-geospatial/readonly/", dir.resolve("data"))
                .or(StageStorage.folder("s3://other-bucket/daily/", other.resolve("data"))));
        script(false);
        run(Goal.RUN);
        SnowflakeProjects.run(dir, Goal.RUN, "s3://other-bucket/daily/", SECRET, new ArrayList<>());
        assertTrue(lastIndexOf("CREATE OR REPLACE STAGE raw\\.session_timestamp_stage\\s+URL = 's3://other-bucket/daily/'")
                > indexOf("CREATE OR REPLACE STAGE raw\\.session_timestamp_stage\\s+URL = 's3://s3-geospatial/readonly/'"),
                sent().toString());
        assertEquals(List.of(String.valueOf(TestProjects.innerJoinOfCsvs(other).size())),
                fake.read("SELECT COUNT(*) FROM analytics.session_summary"), "loaded from where the override points");
    }

    @Test
    void aFileThatDidNotLoadFailsTheStageWithItsLine() throws Exception {
        script(false);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("data/session_timestamp.csv")));
        lines.set(3, lines.get(3).split(",")[0] + ",yesterday");
        TestProjects.write(dir, "data/session_timestamp.csv", String.join("\n", lines) + "\n");
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertEquals(SessionException.Kind.DATA, e.kind());
        assertEquals("s3://s3-geospatial/readonly/session_timestamp.csv:4", e.location().toString());
        assertTrue(e.getMessage().contains("Timestamp 'yesterday' is not recognized"), e.getMessage());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE analytics"));
    }

    @Test
    void aFailureInsideThePublishTransactionPublishesNoModel() throws Exception {
        TestProjects.channelCounts(dir);
        script(true);
        List<String> summary = published();
        List<String> counts = fake.read("SELECT channel || ':' || sessions FROM analytics.channel_counts ORDER BY 1");
        fake.on("INSERT OVERWRITE INTO analytics\\.channel_counts", Answer.error("003001", "42501",
                "SQL access control error: Insufficient privileges to operate on table 'CHANNEL_COUNTS'"));
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertTrue(e.getMessage().contains("publishing session_summary,channel_counts failed, none of them was "
                + "published"), e.getMessage());
        assertTrue(indexOf("^-- Nothing of this publish happened.*ROLLBACK") > indexOf("INSERT OVERWRITE INTO "
                + "analytics\\.session_summary"), sent().toString());
        assertEquals(summary, published(), "session_summary was overwritten inside the transaction, then rolled back");
        assertEquals(counts, fake.read("SELECT channel || ':' || sessions FROM analytics.channel_counts ORDER BY 1"));
        assertTrue(indexOf("DELETE FROM session_meta\\.shadows WHERE model = 'session_summary'") < indexOf("BEGIN"),
                "the ledger entry is consumed before the publish: a later session:swap cannot publish these shadows");
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
        assertFalse(sent().stream().anyMatch(s -> s.contains(SECRET)));
    }

    /** A lease row as another run left it: {@code minutesAgo} since its last heartbeat. */
    void leaseHeldBy(String holder, String host, long pid, int minutesAgo) {
        fake.admin("CREATE SCHEMA IF NOT EXISTS session_meta");
        fake.admin("CREATE TABLE session_meta.run_lease (holder VARCHAR, host VARCHAR, pid NUMBER, session_id VARCHAR, "
                + "claimed_at TIMESTAMP_NTZ, heartbeat_at TIMESTAMP_NTZ)");
        fake.admin("INSERT INTO session_meta.run_lease VALUES ('" + holder + "', '" + host + "', " + pid + ", NULL, "
                + "DATEADD(minute, -" + (minutesAgo + 5) + ", SYSDATE()), DATEADD(minute, -" + minutesAgo + ", SYSDATE()))");
    }

    List<String> leaseHolder() {
        return fake.read("SELECT COALESCE(holder, 'free') FROM session_meta.run_lease");
    }

    @Test
    void aRunFromAnotherMachineHoldingTheSchemaLockFailsFastNamingIt() {
        leaseHeldBy("pid 4242 on build-7 since 2026-11-25T06:00:00Z", "build-7", 4242, 1);
        SessionException e = TestProjects.failure(() -> run(Goal.RUN));
        assertTrue(e.getMessage().matches("(?s).*another run holds the lock on schema analytics \\(pid 4242 on build-7 "
                + "since 2026-11-25T06:00:00Z, alive 6\\d s ago\\).*"), e.getMessage());
        assertTrue(e.hint().contains("taken over once silent for 10 min"), e.hint());
        assertEquals(-1, indexOf("CREATE OR REPLACE TABLE"), "nothing was built");
        assertEquals(List.of("pid 4242 on build-7 since 2026-11-25T06:00:00Z"), leaseHolder(),
                "another run's lock is left alone");
    }

    @Test
    void aSilentLockIsTakenOverAndEveryRunReleasesOnlyItsOwn() {
        leaseHeldBy("pid 1 on gone since 2026-11-20T00:00:00Z", "gone", 1, 30);
        run(Goal.RUN);
        assertTrue(log.stream().anyMatch(l -> l.contains("recover the run lock of pid 1 on gone since "
                + "2026-11-20T00:00:00Z, silent for 30 min")), log.toString());
        assertTrue(lastIndexOf("MERGE INTO session_meta\\.run_lease") < indexOf("COPY INTO"), sent().toString());
        assertEquals(sent().size() - 1, lastIndexOf("UPDATE session_meta\\.run_lease SET holder = NULL.*WHERE holder = "
                + "'pid " + ProcessHandle.current().pid()), "released last, by its holder only: " + sent());
        assertEquals(List.of("free"), leaseHolder());
    }

    @Test
    void aLockLeftByADeadProcessOfThisHostIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").start();
        gone.waitFor();
        leaseHeldBy("pid " + gone.pid() + " on this host", dev.sessionplugin.core.warehouse.RunLock.host(), gone.pid(), 0);
        run(Goal.RUN);
        assertTrue(log.stream().anyMatch(l -> l.contains("a process of this host that is gone")), log.toString());
        assertEquals(List.of("free"), leaseHolder());
    }

    @Test
    void aRunWhoseLeaseWasTakenOverPublishesNothingAndFreesNothing() throws Exception {
        script(true);
        SnowflakeEmulator.Hold hold = fake.hold("CREATE OR REPLACE TABLE analytics\\.session_summary__shadow");
        SessionException[] silent = new SessionException[1];
        Thread a = new Thread(() -> silent[0] = TestProjects.failure(() -> run(Goal.RUN)));
        a.start();
        hold.await(); // run A stops answering, as a machine that hangs would
        fake.admin("UPDATE session_meta.run_lease SET heartbeat_at = DATEADD(minute, -20, SYSDATE())");
        List<String> other = new ArrayList<>();
        SnowflakeProjects.run(dir, dir.resolve("target-b"), Goal.RUN, null, SECRET, other); // run B, elsewhere
        assertTrue(other.stream().anyMatch(l -> l.contains("silent for 20 min")), other.toString());
        List<String> publishedByB = published();
        hold.release(true); // A wakes up: its session was aborted, it gets a new one and goes on
        a.join(60_000);
        assertTrue(silent[0].getMessage().contains("this run's lock was taken over"), silent[0].getMessage());
        assertEquals(publishedByB, published(), "A published nothing");
        assertEquals(joinedCsvs(), publishedByB);
        assertEquals(List.of("free"), leaseHolder(), "B freed its own lease; A's release freed nothing");
    }

    @Test
    void aDroppedAnswerIsAskedForAgainAndTheStatementRunsOnce() throws Exception {
        script(true);
        changeColumns();
        fake.dropAnswer("SWAP WITH");
        run(Goal.RUN);
        assertEquals(1, sent().stream().filter(t -> t.contains("SWAP WITH")).count(), sent().toString());
        assertEquals(List.of("2"), fake.read("SELECT DISTINCT version FROM analytics.session_summary"));
    }

    @Test
    void ofTwoRunsStartingAtOnceExactlyOneGetsTheLock() throws Exception {
        script(false);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outcomes.add(two.submit(() -> {
                try {
                    run(Goal.RUN);
                    return "ran";
                } catch (SessionException e) {
                    return e.getMessage().contains("another run holds the lock") ? "refused" : e.getMessage();
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (var f : outcomes) {
            results.add(f.get());
        }
        two.shutdown();
        assertEquals(List.of("ran", "refused"), results.stream().sorted().toList());
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
