package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.extract.S3Server;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator.Answer;
import dev.sessionplugin.core.snowflake.emulator.StageStorage;

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
 * last-modified); the emulator's stage reads the objects of the S3 test server, as Snowflake would the bucket.
 * An unchanged object is not loaded again, a changed one is, and one the listing does not show counts as changed.
 */
class SnowflakeRemoteSourceTest {

    @TempDir
    Path dir;
    SnowflakeEmulator fake;
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
        fake = new SnowflakeEmulator().storage(StageStorage.s3(s3.client()));
        SnowflakeProjects.write(dir, fake.jdbcUrl(), "s3://feed/daily/", "", "");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        s3.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    void put(String name, String text) {
        s3.put("feed", "daily/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The statements one run sends. */
    List<String> run() {
        int before = fake.statements().size();
        log = new ArrayList<>();
        SnowflakeProjects.run(dir, Goal.RUN, null, "secret", log);
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
        assertEquals(List.of("source:session_timestamp"), fake.read("SELECT node FROM session_meta.fingerprints WHERE node = 'source:session_timestamp'"));

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
        fake.on("LIST '@raw\\.user_session_channel_stage", Answer.error("003001", "42501",
                "SQL access control error:\nInsufficient privileges to operate on stage 'USER_SESSION_CHANNEL_STAGE'"));
        List<String> sent = run();
        assertEquals(1, copies(sent, "user_session_channel_table"), sent.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("stage +user_session_channel +loaded again: the warehouse "
                + "gives no version.*")), log.toString());
        assertEquals(1, copies(run(), "user_session_channel_table"), "still unknown, so still reloaded");
    }
}
