package dev.sessionplugin.core.snowflake;

import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The seed project aimed at a Snowflake emulator, and a run of it with a password from a test credential source. */
final class SnowflakeProjects {

    private SnowflakeProjects() {
    }

    /**
     * Writes pipeline.yaml (the emulator's URL, {@code sources} and {@code more} lines of the snowflake block, then
     * the seed's sources and model, then {@code tail}) and the model.
     */
    static void write(Path dir, String jdbcUrl, String sources, String more, String tail) throws IOException {
        TestProjects.write(dir, "pipeline.yaml", block(jdbcUrl) + "  sources: " + sources + "\n" + more
                + TestProjects.DESCRIPTOR + tail);
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
    }

    /** The descriptor's snowflake: block for an emulator at {@code jdbcUrl}, open for more of its keys. */
    static String block(String jdbcUrl) {
        return """
                snowflake:
                  url: %s
                  account: myorg-myaccount
                  user: SESSION_SVC
                  role: TRANSFORMER
                  warehouse: TRANSFORM_WH
                  database: SESSION_DB
                """.formatted(jdbcUrl);
    }

    /** {@code goal} on the Snowflake target, reading files from {@code sources} when not null. */
    static void run(Path dir, Goal goal, String sources, String password, List<String> log) {
        run(dir, dir.resolve("target"), goal, sources, password, log);
    }

    /** The same with its own build folder: another machine's run of the same project. */
    static void run(Path dir, Path buildDir, Goal goal, String sources, String password, List<String> log) {
        TestProjects.execute(new RunRequest(goal, dir, Path.of("pipeline.yaml"), buildDir, "snowflake",
                null, sources, "test", RunOptions.DEFAULTS.withCredentials(
                        id -> new Credentials(null, password, null, null, null))), log);
    }
}
