package dev.sessionplugin.bench;

import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The same project for dbt (dbt-core with dbt-duckdb), to time both tools on the same SQL and data: each model
 * template becomes a dbt model ({@code {{#ref}}m{{/ref}}} → {@code {{ ref('m') }}}), the source CSVs become seeds
 * with the descriptor's column types, every model is a table, and m_0's key is tested as the plugin checks it.
 */
final class DbtProject {

    /** dbt-core and dbt-duckdb versions the comparison was made with. */
    static final List<String> PACKAGES = List.of("dbt-core==1.11.16", "dbt-duckdb==1.11.1");

    private DbtProject() {
    }

    /** dbt in a virtual environment of its own under {@code venv} (made on first use), or null with no Python. */
    static Path install(Path venv) throws IOException, InterruptedException {
        Path dbt = venv.resolve("bin/dbt");
        if (Files.isExecutable(dbt)) {
            return dbt;
        }
        if (run(List.of("python3", "-m", "venv", venv.toString())) != 0) {
            return null;
        }
        List<String> pip = new java.util.ArrayList<>(List.of(venv.resolve("bin/pip").toString(), "install", "-q"));
        pip.addAll(PACKAGES);
        return run(pip) == 0 && Files.isExecutable(dbt) ? dbt : null;
    }

    /** Writes the dbt project for the plugin project in {@code project} into {@code out}, every model a table. */
    static Path write(Path project, Path out) throws IOException {
        return write(project, out, model -> "", true);
    }

    /**
     * Writes the dbt project, {@code config} giving each model's dbt config line (empty for a table); macros are
     * inlined, {@code {{#incremental}}...{{/incremental}}} becomes {@code {% if is_incremental() %}}.
     */
    static Path write(Path project, Path out, java.util.function.UnaryOperator<String> config, boolean checkM0)
            throws IOException {
        TestProjects.write(out, "dbt_project.yml", """
                name: bench
                version: '1.0'
                profile: bench
                config-version: 2
                models:
                  bench:
                    +materialized: table
                seeds:
                  bench:
                    user_session_channel:
                      +column_types: {userId: varchar, sessionId: varchar, channel: varchar}
                    session_timestamp:
                      +column_types: {sessionId: varchar, ts: timestamp}
                """);
        TestProjects.write(out, "profiles.yml", """
                bench:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                      path: %s
                      threads: %d
                """.formatted(out.resolve("dbt.duckdb").toAbsolutePath(), Runtime.getRuntime().availableProcessors()));
        if (checkM0) {
            TestProjects.write(out, "models/checks.yml", """
                    version: 2
                    models:
                      - name: m_0
                        columns:
                          - name: sessionId
                            data_tests: [unique]
                    """);
        }
        for (String csv : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.createDirectories(out.resolve("seeds"));
            Files.copy(project.resolve("data").resolve(csv), out.resolve("seeds").resolve(csv),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> models = Files.walk(project.resolve("models"))) {
            for (Path template : models.filter(Files::isRegularFile).toList()) {
                String name = template.getFileName().toString().replace(".sql.mustache", "");
                String sql = Files.readString(template)
                        .replaceAll("\\{\\{#ref}}(\\w+)\\{\\{/ref}}", "{{ ref('$1') }}")
                        .replaceAll("\\{\\{#source}}(\\w+)\\{\\{/source}}", "{{ ref('$1') }}")
                        .replace("{{#incremental}}", "{% if is_incremental() %}")
                        .replace("{{/incremental}}", "{% endif %}")
                        .replace("{{this}}", "{{ this }}");
                java.util.regex.Matcher macro = java.util.regex.Pattern.compile("\\{\\{> *(\\w+)}}").matcher(sql);
                StringBuilder inlined = new StringBuilder();
                while (macro.find()) {
                    macro.appendReplacement(inlined, java.util.regex.Matcher.quoteReplacement(Files.readString(
                            project.resolve("macros").resolve(macro.group(1) + ".sql.mustache")).strip()));
                }
                macro.appendTail(inlined);
                String line = config.apply(name);
                TestProjects.write(out, "models/" + name + ".sql", (line.isEmpty() ? "" : line + "\n") + inlined);
            }
        }
        return out;
    }

    /** {@code dbt build} (seeds, models, tests) as a whole process; its wall time in seconds. */
    static double build(Path dbt, Path project) throws IOException, InterruptedException {
        TestProjects.deleteTree(project.resolve("target"));
        Files.deleteIfExists(project.resolve("dbt.duckdb"));
        return buildAgain(dbt, project);
    }

    /** {@code dbt build} on the database the last build left (incremental models add to theirs). */
    static double buildAgain(Path dbt, Path project) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder p = new ProcessBuilder(dbt.toString(), "build", "--project-dir", project.toString(),
                "--profiles-dir", project.toString()).redirectErrorStream(true)
                .redirectOutput(project.resolve("build.log").toFile());
        p.environment().put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
        p.environment().put("DBT_VERSION_CHECK", "false");
        if (p.start().waitFor() != 0) {
            throw new IllegalStateException("dbt build failed: " + Files.readString(project.resolve("build.log")));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }
}
