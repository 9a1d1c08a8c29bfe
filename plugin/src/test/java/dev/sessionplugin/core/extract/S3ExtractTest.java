package dev.sessionplugin.core.extract;

import static dev.sessionplugin.core.TestProjects.failure;
import static dev.sessionplugin.core.TestProjects.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.report.RunReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources read from a real S3-protocol server (s3proxy) on loopback, credentials from the default chain. */
class S3ExtractTest {

    static final String BUCKET = "s3-geospatial";
    static final String PREFIX = "s3://" + BUCKET + "/readonly/";
    static final String PUBLISHED = "SELECT * FROM analytics.session_summary ORDER BY sessionId";
    static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start();
        // The default credential chain reads these system properties, as it reads AWS_ACCESS_KEY_ID in a shell.
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
        s3.bucket(BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    @BeforeEach
    void upload() throws Exception {
        TestProjects.sample(dir, 2_000);
        for (String file : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            s3.put(BUCKET, "readonly/" + file, Files.readAllBytes(dir.resolve("data").resolve(file)));
        }
    }

    RunReport run(Goal goal, String endpoint, List<String> log, boolean force) {
        return TestProjects.run(dir, goal, null, PREFIX, new RunOptions(endpoint, "us-east-1", null, false, 2, force, 0),
                log);
    }

    RunReport run(List<String> log) {
        return run(Goal.RUN, s3.endpoint(), log, false);
    }

    @Test
    void runFromS3PublishesTheSameTableAsTheLocalRunAndRerunsDownloadNothing() throws Exception {
        TestProjects.run(dir, Goal.RUN);
        List<String> local = query(dir, PUBLISHED);

        List<String> log = new ArrayList<>();
        run(log);
        assertEquals(local, query(dir, PUBLISHED));
        assertTrue(log.contains("extract 2 object(s): 2 downloaded, 0 unchanged"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("extract s3://s3-geospatial/readonly/session_timestamp.csv +"
                + "[\\d.]+ KiB +[\\d.]+ s +[\\d.]+ (KiB|MiB)/s  downloaded")), log.toString());
        Path extracted = dir.resolve("target/session/extract/s3-geospatial/readonly/session_timestamp.csv");
        assertTrue(Files.isRegularFile(extracted));
        String manifest = Files.readString(dir.resolve("target/session/extract/manifest.json"));
        assertTrue(manifest.contains("\"etag\"") && manifest.contains("\"lastModified\"") && manifest.contains("\"size\""),
                manifest);

        log.clear();
        run(log);
        assertTrue(log.contains("extract 2 object(s): 0 downloaded, 2 unchanged"), log.toString());
        assertEquals(local, query(dir, PUBLISHED));

        log.clear();
        run(Goal.RUN, s3.endpoint(), log, true);
        assertTrue(log.contains("extract 2 object(s): 2 downloaded, 0 unchanged"), "force downloads again: " + log);
    }

    @Test
    void aChangedObjectIsDownloadedAgain() throws Exception {
        run(new ArrayList<>());
        long before = Long.parseLong(query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0));
        List<String> lines = Files.readAllLines(dir.resolve("data/session_timestamp.csv"));
        s3.put(BUCKET, "readonly/session_timestamp.csv",
                String.join("\n", lines.subList(0, lines.size() - 100)).concat("\n").getBytes());
        List<String> log = new ArrayList<>();
        run(log);
        assertTrue(log.contains("extract 2 object(s): 1 downloaded, 1 unchanged"), log.toString());
        long after = Long.parseLong(query(dir, "SELECT COUNT(*) FROM analytics.session_summary").get(0));
        assertTrue(after < before && after > before - 101, before + " -> " + after);
    }

    @Test
    void missingKeyAndMissingBucketSayWhichUri() {
        s3.delete(BUCKET, "readonly/session_timestamp.csv");
        SessionException e = failure(() -> run(new ArrayList<>()));
        assertTrue(e.getMessage().contains("s3://s3-geospatial/readonly/session_timestamp.csv: no such object"),
                e.getMessage());
        SessionException bucket = failure(() -> TestProjects.run(dir, Goal.RUN, null, "s3://no-such-bucket/x/",
                new RunOptions(s3.endpoint(), "us-east-1", null, false, 2, false, 0), new ArrayList<>()));
        assertTrue(bucket.getMessage().contains("bucket 'no-such-bucket' does not exist"), bucket.getMessage());
    }

    @Test
    void anonymousAccessToAPrivateBucketIsRefusedWithAHint() {
        SessionException e = failure(() -> TestProjects.run(dir, Goal.RUN, null, PREFIX,
                new RunOptions(s3.endpoint(), "us-east-1", null, true, 2, false, 0), new ArrayList<>()));
        assertTrue(e.getMessage().contains("access denied (HTTP 403"), e.getMessage());
        assertTrue(e.hint().contains("does not allow anonymous reads"), e.hint());
    }

    @Test
    void aTransferCutMidwayIsRetriedAndNeverLeavesAPartialFile() throws Exception {
        run(new ArrayList<>());
        List<String> published = query(dir, PUBLISHED);
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), FaultyProxy.Mode.CUT, 1)) {
            List<String> log = new ArrayList<>();
            run(Goal.RUN, proxy.endpoint(), log, true);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN extract retry 1/2 of s3://")), log.toString());
            assertEquals(published, query(dir, PUBLISHED));
        }
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), FaultyProxy.Mode.CUT, 100)) {
            SessionException e = failure(() -> run(Goal.RUN, proxy.endpoint(), new ArrayList<>(), true));
            assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
            assertTrue(e.hint().startsWith("nothing partial was kept"), e.hint());
        }
        assertNoPartialFiles();
        assertEquals(published, query(dir, PUBLISHED), "the published table is untouched");
    }

    /** A large object comes as parallel ranged GETs into one file; a range cut short is fetched again. */
    @Test
    void aLargeObjectComesInParallelRangesAndIsWholeEvenWhenARangeIsCut() throws Exception {
        byte[] content = new byte[1_000_003];
        new java.util.Random(7).nextBytes(content);
        s3.put(BUCKET, "big/blob.bin", content);
        for (boolean cut : new boolean[] {false, true}) {
            List<String> log = new ArrayList<>();
            Path target = dir.resolve("big-" + cut + ".bin");
            try (FaultyProxy proxy = new FaultyProxy(s3.port(), FaultyProxy.Mode.CUT, cut ? 1 : 0);
                 S3Extractor extractor = new S3Extractor(new RunOptions(proxy.endpoint(), "us-east-1", null, false, 5,
                         true, 0), TestProjects.collecting(log), 64 * 1024)) {
                assertTrue(extractor.fetch(new S3Uri(BUCKET, "big/blob.bin"), target,
                        Manifest.load(dir.resolve("manifest-" + cut + ".json")), null));
            }
            assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(target)), "the same bytes, cut=" + cut);
            assertTrue(log.stream().anyMatch(l -> l.endsWith("downloaded in 16 parallel ranges")), log.toString());
            assertEquals(cut, log.stream().anyMatch(l -> l.startsWith("WARN extract retry 1/2 of bytes ")),
                    log.toString());
            assertFalse(Files.exists(dir.resolve("big-" + cut + ".bin.part")));
        }
    }

    @Test
    void aStalledTransferTimesOut() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(s3.port(), FaultyProxy.Mode.STALL, 100)) {
            SessionException e = failure(() -> run(Goal.STAGE, proxy.endpoint(), new ArrayList<>(), true));
            assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
            assertTrue(e.hint().contains("abandoned after 2 s"), e.hint());
        }
        assertNoPartialFiles();
        assertFalse(Files.exists(dir.resolve("target/session/extract/s3-geospatial/readonly/user_session_channel.csv")));
    }

    private void assertNoPartialFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("target/session/extract"))) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }
}
