package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.report.RunReport;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample pipeline on a real Snowflake account. Runs only with SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, a secret
 * (SNOWFLAKE_PASSWORD, SNOWFLAKE_TOKEN or SNOWFLAKE_PRIVATE_KEY_FILE), SNOWFLAKE_DATABASE and SNOWFLAKE_WAREHOUSE
 * (optional SNOWFLAKE_ROLE, SNOWFLAKE_SOURCES, default the public s3://s3-geospatial/readonly/) in the environment.
 */
class SnowflakeLiveTest {

    @TempDir
    Path dir;

    @Test
    void samplePipelineRunsTwiceOnARealAccount() throws Exception {
        String account = System.getenv("SNOWFLAKE_ACCOUNT");
        Assumptions.assumeTrue(account != null && !account.isBlank(),
                "SNOWFLAKE_ACCOUNT is not set: skipping the live Snowflake test (see README, Snowflake)");
        String role = System.getenv("SNOWFLAKE_ROLE");
        String sources = System.getenv().getOrDefault("SNOWFLAKE_SOURCES", "s3://s3-geospatial/readonly/");
        TestProjects.write(dir, "pipeline.yaml", """
                snowflake:
                  account: %s
                  database: %s
                  warehouse: %s
                  sources: %s
                """.formatted(account, System.getenv("SNOWFLAKE_DATABASE"), System.getenv("SNOWFLAKE_WAREHOUSE"),
                sources) + (role == null ? "" : "  role: " + role + "\n") + TestProjects.DESCRIPTOR);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
        RunOptions options = RunOptions.DEFAULTS.withCredentials(CredentialSource.environment(System.getenv()));
        for (int run = 0; run < 2; run++) {
            RunReport report = Pipeline.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"),
                    dir.resolve("target"), "snowflake", null, null, "live", options), new Progress() {
                        public void info(String line) {
                            System.out.println(line);
                        }

                        public void warn(String line) {
                            System.out.println(line);
                        }
                    });
            assertTrue(report.succeeded());
        }
    }
}
