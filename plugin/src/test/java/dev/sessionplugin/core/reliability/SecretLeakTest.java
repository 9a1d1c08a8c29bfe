package dev.sessionplugin.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.extract.S3Server;
import dev.sessionplugin.core.superset.SupersetExportTestSupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs with known secret values, then scans everything they produced — log lines, exception texts, reports,
 * rendered SQL, manifest, Superset bundle and page — for those values.
 */
class SecretLeakTest {

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInAnyOutput() throws Exception {
        List<String> secrets = List.of(S3Server.SECRET_KEY, "wrong-secret-3f9a1c");
        List<String> texts = new ArrayList<>();
        try (S3Server s3 = S3Server.start()) {
            s3.bucket("secrets-test");
            TestProjects.sample(dir, 300);
            TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + SupersetExportTestSupport.SUPERSET);
            for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
                s3.put("secrets-test", "in/" + f, Files.readAllBytes(dir.resolve("data").resolve(f)));
            }
            RunOptions options = new RunOptions(s3.endpoint(), "us-east-1", null, false, 5, false, 0);
            System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
            TestProjects.run(dir, Goal.RUN, null, "s3://secrets-test/in/", options, texts);

            System.setProperty("aws.secretAccessKey", "wrong-secret-3f9a1c");
            try {
                TestProjects.run(dir, Goal.RUN, null, "s3://secrets-test/in/", options.withLockWait(0), texts);
            } catch (SessionException e) {
                texts.add(e.getMessage());
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(String.valueOf(t));
                }
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("refused the credentials")), "the failure ran");
        List<Path> outputs;
        try (Stream<Path> walk = Files.walk(dir.resolve("target"))) {
            outputs = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".duckdb")).toList();
        }
        assertTrue(outputs.stream().anyMatch(p -> p.toString().endsWith("manifest.json")));
        assertTrue(outputs.stream().anyMatch(p -> p.toString().endsWith("-superset.zip")));
        List<String> leaks = new ArrayList<>();
        for (String secret : secrets) {
            texts.stream().filter(t -> t.contains(secret)).forEach(t -> leaks.add("log/exception: " + t));
            for (Path file : outputs) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
                    leaks.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
