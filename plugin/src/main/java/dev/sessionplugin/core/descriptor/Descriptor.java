package dev.sessionplugin.core.descriptor;

import java.util.Map;

/**
 * Everything {@code pipeline.yaml} declares, validated. Maps keep the file's order, which is also the order of
 * log lines and reports.
 */
public record Descriptor(
        String file,
        String project,
        String target,
        DuckDbSettings duckdb,
        SnowflakeSettings snowflake,
        Schemas schemas,
        Map<String, SourceSpec> sources,
        Map<String, ModelSpec> models,
        Map<String, ModelSpec.FolderDefaults> folders,
        Map<String, Object> vars,
        SupersetSpec superset) {

    /**
     * The embedded target's files, relative to the project directory: the run's work file (staging, shadows, audit,
     * bookkeeping and a copy of the published tables) and the serving file readers open (published tables only).
     */
    public record DuckDbSettings(String path, String serving) {
        public static final String DEFAULT_PATH = "target/session.duckdb";
        public static final String DEFAULT_SERVING = "target/session-serving.duckdb";
    }

    /** Schema names: staging tables, published models, kept failing rows, and the run's own bookkeeping. */
    public record Schemas(String staging, String published, String audit, String meta) {

        /** The same schemas for an environment: each name with {@code _<env>} appended (none when blank). */
        public Schemas forEnvironment(String env) {
            if (env == null || env.isBlank()) {
                return this;
            }
            String suffix = suffix(env);
            return new Schemas(staging + suffix, published + suffix, audit + suffix, meta + suffix);
        }

        /** What an environment appends to every schema name: {@code _<env>}, or nothing. */
        public static String suffix(String env) {
            return env == null || env.isBlank() ? ""
                    : "_" + env.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        }
    }
}
