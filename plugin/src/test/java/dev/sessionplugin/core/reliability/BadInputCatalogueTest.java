package dev.sessionplugin.core.reliability;

import static dev.sessionplugin.core.TestProjects.append;
import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.extract.S3Server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input ends in an error that says where (file and line where there is one) and what to do, and leaves
 * the published table exactly as it was.
 */
class BadInputCatalogueTest {

    interface Setup {
        void apply(Path dir) throws Exception;
    }

    /**
     * @param file      the file the error must point at ({@code null}: no check), a line is checked when > 0
     * @param fragments what the message (with its hint) must say
     */
    record Case(String name, Setup setup, String file, int line, String sources, boolean anonymous,
                String... fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case local(String name, Setup setup, String file, int line, String... fragments) {
        return new Case(name, setup, file, line, null, false, fragments);
    }

    static final String TS = "data/session_timestamp.csv";
    static final String YAML = "pipeline.yaml";
    static final String MODEL = "models/session_summary.sql.mustache";
    static S3Server s3;

    static Stream<Case> cases() {
        return Stream.of(
                local("unterminated quote", d -> append(d, TS, "zz1,\"2019-05-01 00:00:00.000\n"), TS, -1,
                        "malformed CSV row", "unterminated quote"),
                local("wrong column count", d -> append(d, TS, "zz2,2019-05-01 00:00:00.000,extra\n"), TS, -1,
                        "malformed CSV row", "Expected Number of Columns: 2 Found: 3", "fix that row"),
                local("bad timestamp", d -> append(d, TS, "zz3,yesterday\n"), TS, -1,
                        "Could not convert string \"yesterday\" to 'TIMESTAMP'", "(row: zz3,yesterday)"),
                local("missing column in header", d -> replaceFirstLine(d, TS, "sessionId"), TS, 1,
                        "header [sessionId] does not match the columns of source 'session_timestamp' [sessionId, ts]"),
                local("empty file", d -> write(d, TS, ""), TS, 1, "the file is empty (no header row)"),
                local("missing CSV file", d -> Files.delete(d.resolve(TS)), YAML, 7,
                        "file data/session_timestamp.csv does not exist", "check 'uri' of 'session_timestamp'"),
                local("unknown source", d -> write(d, MODEL, "SELECT *\nFROM {{#source}}sessions{{/source}}"), MODEL, 2,
                        "unknown source 'sessions'", "sources: user_session_channel, session_timestamp"),
                local("invalid YAML", d -> write(d, YAML, "sources:\n  a: [\n"), YAML, -1, "invalid YAML"),
                local("unknown key", d -> edit(d, YAML, "table: session_timestamp_table", "tabel: x"), YAML, 9,
                        "unknown key 'sources.session_timestamp.tabel'", "did you mean 'table'?"),
                local("wrong type", d -> edit(d, YAML, "columns: {sessionId: VARCHAR, ts: TIMESTAMP}",
                        "columns: [sessionId, ts]"), YAML, 10, "'sources.session_timestamp.columns' must be a mapping"),
                local("duplicate key", d -> write(d, YAML, TestProjects.DESCRIPTOR + "models: {}\n"), YAML, 16,
                        "duplicate key 'models'"),
                local("duplicate model name", d -> write(d, "models/marts/session_summary.sql.mustache", "SELECT 1"),
                        MODEL, 0, "duplicate model name 'session_summary'", "rename one of the two files"),
                local("model without SELECT", d -> write(d, MODEL, "DROP TABLE raw.user_session_channel_table"),
                        MODEL, 1, "does not hold a query", "holds only its SELECT"),
                local("model failing as it runs", d -> write(d, MODEL, "SELECT userId, sessionId,\n"
                        + "  CAST(channel AS INTEGER) AS channel_number\nFROM {{#source}}user_session_channel{{/source}}"),
                        MODEL, 2, "model 'session_summary' failed to build", "Could not convert",
                        "fix the model's SELECT"),
                local("unknown ref", d -> write(d, "models/weekly.sql.mustache", "SELECT *\nFROM {{#ref}}sessions{{/ref}}"),
                        "models/weekly.sql.mustache", 2, "unknown model 'sessions'", "models: session_summary, weekly"),
                local("ref of a source", d -> write(d, "models/weekly.sql.mustache",
                        "SELECT *\nFROM {{#ref}}session_timestamp{{/ref}}"), "models/weekly.sql.mustache", 2,
                        "'session_timestamp' in {{#ref}} is a source, not a model",
                        "did you mean {{#source}}session_timestamp{{/source}}?"),
                local("cycle", d -> {
                    write(d, "models/a.sql.mustache", "SELECT * FROM {{#ref}}b{{/ref}}");
                    write(d, "models/b.sql.mustache", "SELECT * FROM {{#ref}}a{{/ref}}");
                }, null, 0, "dependency cycle: ", " -> ", "remove one {{#ref}}"),
                local("missing template variable", d -> write(d, MODEL, TestProjects.MODEL + "WHERE ts > '{{vars.since}}'"),
                        MODEL, 4, "unknown template variable 'vars.since'", "declare 'since' under 'vars:'"),
                local("check on unknown column", d -> edit(d, YAML, "unique: [sessionId]", "unique: [session_id]"),
                        YAML, 14, "names unknown column 'session_id'", "columns of session_summary: userId, sessionId"),
                local("bad threshold", d -> edit(d, YAML, "- no_duplicate_rows", "- no_duplicate_rows: {error_if: lots}"),
                        YAML, 15, "bad threshold 'lots'", "e.g. \">0\""),
                local("unknown check", d -> edit(d, YAML, "- no_duplicate_rows", "- no_duplicates"), YAML, 15,
                        "unknown check 'no_duplicates'", "built-in checks: unique, not_null"),
                local("SQL injection through a name", d -> edit(d, YAML, "table: session_timestamp_table",
                        "table: \"t; DROP TABLE analytics.session_summary; --\""), YAML, 9, "invalid table name"),
                local("SQL injection through a type", d -> edit(d, YAML, "ts: TIMESTAMP", "ts: \"TIMESTAMP); DROP TABLE x; --\""),
                        YAML, 10, "invalid type"),
                local("unknown target", d -> write(d, YAML, "target: bigquery\n" + TestProjects.DESCRIPTOR), null, 0,
                        "unknown target 'bigquery'"),
                local("descriptor missing", d -> Files.delete(d.resolve(YAML)), YAML, 0, "pipeline descriptor not found"),
                local("serving file equals work file", d -> write(d, YAML, "duckdb: {path: target/x.duckdb, serving: "
                        + "target/x.duckdb}\n" + TestProjects.DESCRIPTOR), YAML, 1, "the serving file must differ"),
                local("relationship to nothing", d -> edit(d, YAML, "- no_duplicate_rows",
                        "- relationships: {column: userId, to: users}"), YAML, 15, "points 'to' unknown 'users'"),
                local("chart on an undeclared metric", d -> append(d, YAML, "    superset:\n      time_column: ts\n"
                        + "      metrics: {wau: COUNT(DISTINCT userId)}\n      charts: [{title: T, metric: dau}]\n"),
                        YAML, 19, "chart metric 'dau' is not a metric of this dataset"),
                local("corrupt work file", d -> Files.write(d.resolve("target/session.duckdb"), new byte[8192]),
                        null, 0, "the work file is not a DuckDB database", "move it away"),
                local("unwritable build directory", d -> {
                    TestProjects.deleteTree(d.resolve("target"));
                    Files.writeString(d.resolve("target"), "a file where the build directory should be");
                }, null, 0, "check that the build directory is writable"),
                new Case("S3 object missing", d -> s3.delete("catalogue", "in/session_timestamp.csv"), YAML, 7, "s3://catalogue/in/",
                        false, "s3://catalogue/in/session_timestamp.csv: no such object"),
                new Case("S3 bucket missing", d -> { }, YAML, 3, "s3://no-such-bucket/in/", false,
                        "bucket 'no-such-bucket' does not exist"),
                new Case("S3 403 for anonymous requests", d -> { }, YAML, 3, "s3://catalogue/in/", true,
                        "access denied (HTTP 403", "does not allow anonymous reads"),
                new Case("S3 wrong credentials", d -> System.setProperty("aws.secretAccessKey", "wrong"), YAML, 3,
                        "s3://catalogue/in/", false, "S3 refused the credentials (SignatureDoesNotMatch)"));
    }

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start();
        s3.bucket("catalogue");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsAnActionableErrorAndPublishesNothing(Case c, @TempDir Path dir) throws Exception {
        TestProjects.sample(dir, 300);
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            s3.put("catalogue", "in/" + f, Files.readAllBytes(dir.resolve("data").resolve(f)));
        }
        TestProjects.run(dir, Goal.RUN);
        String before = KillMatrixTest.checksum(dir.resolve("target/session.duckdb"));
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
        try {
            c.setup().apply(dir);
            RunOptions options = new RunOptions(c.sources() == null ? null : s3.endpoint(), "us-east-1", null,
                    c.anonymous(), 5, false, 0);
            SessionException e = failure(() -> TestProjects.run(dir, Goal.RUN, null, c.sources(), options,
                    new ArrayList<>()));
            String text = e.getMessage();
            for (String fragment : c.fragments()) {
                assertTrue(text.contains(fragment), "'" + fragment + "' in: " + text);
            }
            if (c.file() != null) {
                assertEquals(c.file(), e.location().file(), text);
                if (c.line() > 0) {
                    assertEquals(c.line(), e.location().line(), text);
                } else if (c.line() < 0) {
                    assertTrue(e.location().line() > 1, text);
                }
            }
            assertTrue(e.hint() != null && !e.hint().isBlank(), "every error says what to do: " + text);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        Path work = dir.resolve("target/session.duckdb");
        if (Files.isRegularFile(work) && !c.name().equals("corrupt work file")) {
            assertEquals(before, KillMatrixTest.checksum(work), "the published table is unchanged");
        }
        Path serving = dir.resolve("target/session-serving.duckdb");
        if (Files.isRegularFile(serving)) {
            assertEquals(before, KillMatrixTest.checksum(serving), "the serving file is unchanged");
        }
    }

    @ParameterizedTest(name = "locked by another program")
    @MethodSource("lockedOnly")
    void aWorkFileOpenedByAnotherProgramIsNamed(String ignored, @TempDir Path dir) throws Exception {
        TestProjects.sample(dir, 100);
        TestProjects.run(dir, Goal.RUN);
        Process other = TestProjects.javaProcess(HoldDatabase.class, dir.resolve("target/session.duckdb").toString());
        try {
            assertEquals("open", new BufferedReader(new InputStreamReader(other.getInputStream())).readLine());
            SessionException e = failure(() -> TestProjects.run(dir, Goal.RUN));
            assertTrue(e.getMessage().contains("the database file is locked by another process"), e.getMessage());
            assertTrue(e.getMessage().contains("PID " + other.pid()), e.getMessage());
            assertTrue(e.hint().contains("close the program holding the file"), e.hint());
        } finally {
            other.destroyForcibly();
        }
    }

    static Stream<String> lockedOnly() {
        return Stream.of("locked");
    }

    static void replaceFirstLine(Path dir, String file, String header) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(file)));
        lines.set(0, header);
        Files.write(dir.resolve(file), lines);
    }

    static void edit(Path dir, String file, String from, String to) throws Exception {
        String text = Files.readString(dir.resolve(file));
        assertTrue(text.contains(from), from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }

}
