package dev.sessionplugin.core.snowflake;

import static dev.sessionplugin.core.snowflake.FakeSnowflake.Answer;
import static dev.sessionplugin.core.snowflake.FakeSnowflake.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.extract.S3Server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files Snowflake reads itself through a stage are fingerprinted by what the stage lists for them (md5, size,
 * last-modified); the fake answers LIST from the objects on the S3 test server, as Snowflake would from the bucket.
 * An unchanged object is not loaded again, a changed one is, and one the listing does not show counts as changed.
 */
class SnowflakeRemoteSourceTest {

    @TempDir
    Path dir;
    FakeSnowflake fake;
    S3Server s3;
    List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
        s3 = S3Server.start();
        s3.bucket("feed");
        put("user_session_channel.csv", "userId,sessionId,channel\nu1,s1,Direct\nu2,s2,Naver\n");
        put("session_timestamp.csv", "sessionId,ts\ns1,2019-05-01 10:00:00\ns2,2019-05-02 10:00:00\n");
        fake = new FakeSnowflake().keepFingerprints();
        TestProjects.write(dir, "pipeline.yaml", """
                snowflake:
                  url: %s
                  account: myorg-myaccount
                  user: SESSION_SVC
                  database: SESSION_DB
                  sources: s3://feed/daily/
                """.formatted(fake.jdbcUrl()) + TestProjects.DESCRIPTOR);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
        fake.onEach("LIST '@raw\\.\\w+_stage/([^']+)'", this::listing)
                .on("INFORMATION_SCHEMA.(TABLES|SCHEMATA)", Answer.count(1))
                .on("FILE_FORMAT => 'raw.user_session_channel_header'",
                        SnowflakeDriverTest.header("userId", "sessionId", "channel"))
                .on("FILE_FORMAT => 'raw.session_timestamp_header'", SnowflakeDriverTest.header("sessionId", "ts"))
                .on("COPY INTO raw\\.user_session_channel_table", SnowflakeDriverTest.copied("user_session_channel.csv",
                        "LOADED", 2))
                .on("COPY INTO raw\\.session_timestamp_table", SnowflakeDriverTest.copied("session_timestamp.csv",
                        "LOADED", 2))
                .on("FROM session_meta\\.shadows WHERE", Answer.count(1))
                .on("SELECT COUNT\\(\\*\\) FROM audit\\.", Answer.count(0))
                .on("SELECT COUNT\\(\\*\\) FROM analytics\\.", Answer.count(2))
                .on("SELECT \\* FROM analytics\\.session_summary(__shadow)? LIMIT 0", Answer.rows(columns(
                        "USERID", "text", "SESSIONID", "text", "CHANNEL", "text", "TS", "timestamp_ntz"), List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** What LIST @stage/<file> answers: the object's row, or none when it is not in the bucket. */
    Answer listing(String sql) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("LIST '@raw\\.\\w+_stage/([^']+)'").matcher(sql);
        String file = m.find() ? m.group(1) : "?";
        List<List<String>> rows = new ArrayList<>();
        try {
            var head = s3.client().headObject(b -> b.bucket("feed").key("daily/" + file));
            rows.add(List.of("s3://feed/daily/" + file, String.valueOf(head.contentLength()),
                    head.eTag().replace("\"", ""), String.valueOf(head.lastModified())));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException missing) {
            // not listed
        }
        return Answer.rows(columns("name", "text", "size", "fixed", "md5", "text", "last_modified", "text"), rows);
    }

    void put(String name, String text) {
        s3.put("feed", "daily/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The statements one run sends. */
    List<String> run() {
        int before = fake.statements().size();
        log = new ArrayList<>();
        RunOptions options = RunOptions.DEFAULTS.withCredentials(id -> new Credentials(null, "secret", null, null, null));
        TestProjects.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake",
                null, null, "test", options), log);
        return fake.statements().subList(before, fake.statements().size());
    }

    static long copies(List<String> sent, String table) {
        return sent.stream().filter(s -> s.contains("COPY INTO raw." + table)).count();
    }

    @Test
    void anUnchangedObjectIsSkippedAndAChangedOneReloaded() {
        List<String> first = run();
        assertEquals(1, copies(first, "session_timestamp_table"));
        assertEquals(1, copies(first, "user_session_channel_table"));
        assertTrue(fake.fingerprints().containsKey("source:session_timestamp"), fake.fingerprints().toString());

        List<String> second = run();
        assertEquals(0, copies(second, "session_timestamp_table"), second.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("nothing changed since the last verified publish")),
                log.toString());

        put("session_timestamp.csv", "sessionId,ts\ns1,2019-05-01 10:00:00\ns2,2019-05-03 10:00:00\n");
        List<String> third = run();
        assertEquals(1, copies(third, "session_timestamp_table"), "a changed object is loaded again");
        assertEquals(0, copies(third, "user_session_channel_table"), "the unchanged one is not");
        assertEquals(1, third.stream().filter(s -> s.contains("session_summary__shadow AS")).count(),
                "the model that reads it is rebuilt");
    }

    @Test
    void anObjectWhoseVersionCannotBeReadIsReloadedEveryRun() {
        run();
        s3.delete("feed", "daily/user_session_channel.csv");
        List<String> sent = run();
        assertEquals(1, copies(sent, "user_session_channel_table"), sent.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +user_session_channel +loaded again: the warehouse "
                + "gives no version.*")), log.toString());
        assertEquals(1, copies(run(), "user_session_channel_table"), "still unknown, so still reloaded");
    }
}
