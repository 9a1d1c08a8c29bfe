package dev.sessionplugin.bench;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Planner;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.dialect.DuckDbDialect;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.ExtractBench;
import dev.sessionplugin.core.extract.FaultyProxy;
import dev.sessionplugin.core.extract.S3Server;
import dev.sessionplugin.core.graph.Selection;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.report.CheckResult;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.sample.SampleData;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The performance figures of the README, measured: planning time for 100 / 1,000 / 10,000 models, session:run
 * against the same statements replayed over raw JDBC at {@code bench.sessions} sessions (A/B pairs), and a
 * rerun with nothing changed against the full run. Prints min/median/max and writes target/bench/results.json.
 * Run with {@code mvn -B -Pbench verify} (profile in plugin/pom.xml; off by default).
 */
class PipelineBenchmark {

    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    static final long SESSIONS = Long.parseLong(System.getProperty("bench.sessions", "10000000"));
    static final int RUNS = Integer.parseInt(System.getProperty("bench.runs", "3"));
    /** Which figures to measure ({@code -Dbench.parts=incremental}); all by default. */
    static final String PARTS = System.getProperty("bench.parts", "plan,compile,run,incremental,s3,render,small,docs,dbt,jaffle");
    static final Progress QUIET = new Progress() {
        public void info(String line) {
        }

        public void warn(String line) {
        }
    };

    final Map<String, Object> results = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        Files.createDirectories(OUT);
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, Java " + System.getProperty("java.version"));
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("plan", this::planning);
        parts.put("compile", this::compiling);
        parts.put("run", this::running);
        parts.put("incremental", this::incremental);
        parts.put("s3", this::s3);
        parts.put("render", this::rendering);
        parts.put("small", this::smallModels);
        parts.put("docs", this::documenting);
        parts.put("dbt", this::againstDbt);
        parts.put("jaffle", this::jaffleStyle);
        for (var part : parts.entrySet()) {
            if (PARTS.contains(part.getKey())) {
                part.getValue().measure();
            }
        }
        TestProjects.deleteTree(OUT.resolve("trash"));
        results.put("heap_max_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        results.put("heap_old_gen_peak_mib", oldGenPeakMib());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(OUT.resolve("results.json").toFile(),
                results);
        System.out.println("bench: wrote " + OUT.resolve("results.json").toAbsolutePath());
    }

    /**
     * A full session:run of 1,000 generated one-join models over 200 sessions against the same statements replayed
     * over one raw JDBC connection: the plugin's own cost per model.
     */
    void smallModels() throws Exception {
        Path dir = GeneratedProject.write(clean(OUT.resolve("small-1000")), 1_000);
        SampleData.write(dir.resolve("data"), 200, 3);
        List<Double> run = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            TestProjects.deleteTree(dir.resolve("target"));
            double a = execute(dir, RunOptions.DEFAULTS.withThreads(RunOptions.CORES, true));
            Path journal = OUT.resolve("journal-small.sql");
            Files.copy(dir.resolve("target/session/rendered/journal.sql"), journal,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            double b = rawReplay(dir, journal, statement -> statement.startsWith("setup/") || statement.startsWith("stage/")
                    || statement.endsWith(".ctas_shadow.sql"));
            if (i > 0) {
                run.add(a);
                raw.add(b);
            }
        }
        print("session:run 1000 small models (s)", run);
        print("raw JDBC, its staging and CTAS statements (s)", raw);
        results.put("run_ms_per_model_1000", round(median(run) * 1000 / 1000));
        results.put("run_vs_raw_ratio_1000_models", round(median(run) / median(raw)));
        results.put("raw_stage_ctas_s_1000_models", stats(raw));
    }

    /**
     * session:render of 10,000 generated models, in a JVM of its own (the whole process but Maven's start): into an
     * empty target; again after one model changed (the render a developer repeats); and right after the target was
     * deleted (as after {@code mvn clean}), where the file system's reuse of just-freed inodes is part of the cost.
     * The benchmark's own clean-ups move the output aside (deleted at the end), so they do not slow the next run.
     */
    void rendering() throws Exception {
        Path dir = GeneratedProject.write(clean(OUT.resolve("render-10000")), 10_000);
        Path edited = dir.resolve("models/m_0.sql.mustache");
        String original = Files.readString(edited);
        List<Double> empty = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        List<Double> afterDelete = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            setAside(dir.resolve("target"));
            double first = ownJvm(RenderInProcess.class, dir);
            Files.writeString(edited, original + "\n-- edited " + run + "\n");
            double second = ownJvm(RenderInProcess.class, dir);
            if (!Files.readString(dir.resolve("target/session/rendered/m_0.sql")).contains("-- edited " + run)) {
                throw new AssertionError("the edited model was not rendered again");
            }
            TestProjects.deleteTree(dir.resolve("target"));
            double third = ownJvm(RenderInProcess.class, dir);
            if (run > 0) {
                empty.add(first * 1000);
                again.add(second * 1000);
                afterDelete.add(third * 1000);
            }
        }
        print("render 10000 models into an empty target, own JVM (ms)", empty);
        print("render 10000 models again, one changed, own JVM (ms)", again);
        print("render 10000 models right after deleting the target, own JVM (ms)", afterDelete);
        try (var files = Files.walk(dir.resolve("target/session/rendered"))) {
            results.put("render_files_10000_models", files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).count());
        }
        results.put("render_ms_10000_models", round(median(empty)));
        results.put("render_ms_10000_models_again", round(median(again)));
        results.put("render_ms_10000_models_after_delete", round(median(afterDelete)));
    }

    /** Moves a folder out of the way, to be deleted when the benchmark ends, not just before a timed run. */
    static void setAside(Path dir) throws IOException {
        if (Files.exists(dir)) {
            Path trash = Files.createDirectories(OUT.resolve("trash"));
            Files.move(dir, trash.resolve(dir.getParent().getFileName() + "-" + System.nanoTime()));
        }
    }

    /**
     * session:docs of 10,000 generated models in process, with the compile's catalog giving the types (the usual
     * case: docs after a build), and with no catalog at all (types unknown, lineage still traced).
     */
    void documenting() throws Exception {
        Path dir = GeneratedProject.write(clean(OUT.resolve("docs-10000")), 10_000);
        var request = new dev.sessionplugin.core.RunRequest(dev.sessionplugin.core.Goal.RENDER, dir,
                Path.of("pipeline.yaml"), dir.resolve("target"), null, null, null, "bench", RunOptions.DEFAULTS);
        List<Double> bare = new ArrayList<>();
        List<Double> typed = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            TestProjects.deleteTree(dir.resolve("target"));
            var first = dev.sessionplugin.core.docs.Docs.generate(request);
            dev.sessionplugin.core.compile.Compilation.run(request, QUIET);
            var again = dev.sessionplugin.core.docs.Docs.generate(request);
            if (again.models() != 10_000 || again.notes().size() != 0 || again.untraced() != 0) {
                throw new AssertionError("documented " + again.models() + " models: " + again.notes());
            }
            System.out.println("bench: docs phases, no catalog " + first.phases() + ", catalog " + again.phases());
            if (run > 0) { // run 0 warms the JIT
                bare.add((double) first.millis());
                typed.add((double) again.millis());
            }
        }
        print("docs 10000 models, types from the compile catalog (ms)", typed);
        print("docs 10000 models, no catalog (ms)", bare);
        results.put("docs_ms_10000_models", round(median(typed)));
        results.put("docs_ms_10000_models_no_catalog", round(median(bare)));
    }

    /**
     * dbt (dbt-core + dbt-duckdb, in a virtual environment the benchmark makes) and session:run on the same generated
     * projects of 100 and 1,000 one-join models over 200 sessions, each as a whole process building every model as
     * a table from the CSVs and checking m_0's key; then the last model's rows compared between the two databases.
     */
    void againstDbt() throws Exception {
        Path dbt = DbtProject.install(OUT.resolve("dbt-venv"));
        if (dbt == null) {
            results.put("vs_dbt", "skipped: no python3 with venv and pip here to install " + DbtProject.PACKAGES);
            return;
        }
        for (int models : new int[] {100, 1_000}) {
            Path dir = GeneratedProject.write(clean(OUT.resolve("dbt-" + models)), models);
            SampleData.write(dir.resolve("data"), 200, 3);
            Path dbtProject = DbtProject.write(dir, dir.resolve("dbt"));
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int run = 0; run <= RUNS; run++) {
                TestProjects.deleteTree(dir.resolve("target"));
                double a = ownJvm(RunInOwnJvm.class, dir);
                double b = DbtProject.build(dbt, dbtProject);
                if (run > 0) {
                    ours.add(a);
                    theirs.add(b);
                }
            }
            String last = "m_" + (models - 1);
            String rows = "SELECT userId || '|' || sessionId || '|' || channel FROM %s ORDER BY 1";
            List<String> plugin = TestProjects.queryFile(dir.resolve("target/session.duckdb"),
                    rows.formatted("analytics." + last));
            List<String> dbtRows = TestProjects.queryFile(dbtProject.resolve("dbt.duckdb"), rows.formatted("main." + last));
            if (plugin.isEmpty() || !plugin.equals(dbtRows)) {
                throw new AssertionError(last + " differs: plugin " + plugin.size() + " rows, dbt " + dbtRows.size());
            }
            print("session:run " + models + " models, own JVM (s)", ours);
            print("dbt build " + models + " models (s)", theirs);
            results.put("session_run_s_" + models + "_models", round(median(ours)));
            results.put("dbt_build_s_" + models + "_models", round(median(theirs)));
            results.put("vs_dbt_ratio_" + models + "_models", round(median(ours) / median(theirs)));
            results.put("vs_dbt_same_rows_" + models + "_models", plugin.size());
        }
    }

    /**
     * The materializations IT's project (staging views, an ephemeral join, an incremental table, two marts) run by
     * both tools on day two's files, then incrementally on day three's: every published table compared row for row.
     */
    void jaffleStyle() throws Exception {
        Path dbt = DbtProject.install(OUT.resolve("dbt-venv"));
        if (dbt == null) {
            results.put("vs_dbt_jaffle_style", "skipped: no python3 with venv and pip here");
            return;
        }
        Path dir = clean(OUT.resolve("dbt-jaffle"));
        Path it = Path.of("src/it/materializations");
        try (var files = Files.walk(it)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(it.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Map<String, String> configs = Map.of("stg_user_session_channel", "{{ config(materialized='view') }}",
                "stg_session_timestamp", "{{ config(materialized='view') }}",
                "sessions_joined", "{{ config(materialized='ephemeral') }}",
                "sessions", "{{ config(materialized='incremental', incremental_strategy='append') }}");
        Path dbtProject = DbtProject.write(dir, dir.resolve("dbt"), m -> configs.getOrDefault(m, ""), false);
        TestProjects.run(dir, Goal.RUN, null, "data", RunOptions.DEFAULTS, new ArrayList<>());
        DbtProject.build(dbt, dbtProject);
        for (String csv : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.copy(dir.resolve("data-day3").resolve(csv), dbtProject.resolve("seeds").resolve(csv),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        TestProjects.run(dir, Goal.RUN, null, "data-day3", RunOptions.DEFAULTS, new ArrayList<>());
        DbtProject.buildAgain(dbt, dbtProject);
        int compared = 0;
        for (String table : List.of("sessions", "daily_channels", "user_activity")) {
            String rows = "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM %s";
            List<String> plugin = TestProjects.queryFile(dir.resolve("target/session.duckdb"),
                    rows.formatted("analytics." + table)).stream().sorted().toList();
            List<String> theirs = TestProjects.queryFile(dbtProject.resolve("dbt.duckdb"), rows.formatted("main."
                    + table)).stream().sorted().toList();
            if (plugin.isEmpty() || !plugin.equals(theirs)) {
                throw new AssertionError(table + " differs between the plugin and dbt:\n" + plugin + "\n" + theirs);
            }
            compared += plugin.size();
        }
        System.out.println("bench: the jaffle-style project after an incremental day: " + compared
                + " rows of 3 tables the same in both tools");
        results.put("vs_dbt_jaffle_style_rows_equal", compared);
    }

    /** Wall seconds of {@code main} run on the project in a JVM of its own (the whole process but Maven's start). */
    static double ownJvm(Class<?> main, Path dir) throws Exception {
        long start = System.nanoTime();
        Process p = TestProjects.javaProcess(main, dir.toString());
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed: " + out);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One group of figures. */
    interface Part {
        void measure() throws Exception;
    }

    /** session:compile in process: render, plan and bind every model as a view in an in-memory engine. */
    void compiling() throws Exception {
        for (int models : new int[] {1_000, 10_000}) {
            Path dir = GeneratedProject.write(clean(OUT.resolve("compile-" + models)), models);
            List<Double> ms = new ArrayList<>();
            for (int run = 0; run <= 3; run++) {
                long start = System.nanoTime();
                var result = dev.sessionplugin.core.compile.Compiler.compile(new dev.sessionplugin.core.RunRequest(
                        dev.sessionplugin.core.Goal.COMPILE, dir, Path.of("pipeline.yaml"), dir.resolve("target"),
                        null, null, null, "bench", dev.sessionplugin.core.RunOptions.DEFAULTS));
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (!result.ok() || result.catalog().models().size() != models) {
                    throw new AssertionError("compiled " + result.catalog().models().size() + " of " + models + ": "
                            + result.errors().stream().limit(3).toList());
                }
                if (run > 0) {
                    ms.add(elapsed); // run 0 warms the JIT
                }
            }
            results.put("compile_ms_" + models + "_models", round(median(ms)));
            print("compile " + models + " models (ms)", ms);
        }
    }

    void planning() throws Exception {
        for (int models : new int[] {100, 1_000, 10_000}) {
            Path dir = GeneratedProject.write(clean(OUT.resolve("plan-" + models)), models);
            List<Double> ms = new ArrayList<>();
            for (int run = 0; run <= 5; run++) {
                long start = System.nanoTime();
                Project project = Project.load(dir, Path.of("pipeline.yaml"));
                Statements st = new Statements(new DuckDbDialect(dir.resolve("w.duckdb"), dir.resolve("s.duckdb")),
                        TemplateFolder.statements("duckdb", dir), project.descriptor().schemas());
                Plan plan = Planner.plan(project, st, Selection.ALL);
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (plan.models().size() != models) {
                    throw new AssertionError("planned " + plan.models().size() + " of " + models);
                }
                if (run > 0) {
                    ms.add(elapsed); // run 0 warms the JIT
                }
            }
            double median = median(ms);
            results.put("plan_ms_" + models + "_models", round(median));
            results.put("plan_ms_per_model_" + models, round(median / models));
            print("plan " + models + " models (ms)", ms);
        }
    }

    /** The generated sessions every run figure reads, written once per size. */
    Path sessions() throws IOException {
        Path data = OUT.resolve("data-" + SESSIONS);
        if (!Files.isRegularFile(data.resolve("session_timestamp.csv"))) {
            long start = System.nanoTime();
            SampleData.write(data, SESSIONS, 42);
            results.put("generate_s", round((System.nanoTime() - start) / 1e9));
        }
        return data;
    }

    void running() throws Exception {
        Path data = sessions();
        Path dir = OUT.resolve("run");
        List<Double> run = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            double a = fullRun(dir, data);
            Path journal = OUT.resolve("journal.sql");
            Files.copy(dir.resolve("target/session/rendered/journal.sql"), journal,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            double b = rawReplay(dir, journal);
            if (i > 0) { // pair 0 warms caches and the JIT
                run.add(a);
                raw.add(b);
                ratio.add(a / b);
            }
        }
        print("session:run (s)", run);
        print("raw JDBC, same statements (s)", raw);
        print("run / raw", ratio);
        fullRun(dir, data); // the raw replay left a target no run made; reruns follow a real run
        List<Double> rerun = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            rerun.add(execute(dir, RunOptions.DEFAULTS));
        }
        print("rerun, nothing changed (s)", rerun);
        String size = SESSIONS >= 1_000_000 ? (SESSIONS / 1_000_000) + "m" : (SESSIONS / 1_000) + "k";
        results.put("sessions", SESSIONS);
        results.put("run_s_" + size, stats(run));
        results.put("raw_s_" + size, stats(raw));
        results.put("run_vs_raw_ratio_" + size, round(median(ratio)));
        if (!size.equals("10m")) {
            results.put("run_vs_raw_ratio_10m", "not measured: -Dbench.sessions=" + SESSIONS);
        }
        results.put("rerun_s", stats(rerun));
        results.put("rerun_vs_full_ratio", round(median(rerun) / median(run)));
    }

    /**
     * One large object (1 GiB, {@code -Dbench.s3.bytes}) from a local S3 server: the extractor against the AWS CLI's
     * {@code aws s3 cp} (parallel ranged GETs too), straight and through a proxy that holds each connection to
     * {@link FaultyProxy#SLOW_BYTES_PER_SECOND}, as a long round trip limits one stream. Skipped with a note when
     * no {@code aws} is on the PATH.
     */
    void s3() throws Exception {
        Path root = OUT.resolve("s3");
        long size = Long.getLong("bench.s3.bytes", 1L << 30);
        Path object = root.resolve("object.bin");
        if (!Files.isRegularFile(object) || Files.size(object) != size) {
            Files.createDirectories(root);
            try (var out = java.nio.channels.FileChannel.open(object, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                java.util.SplittableRandom random = new java.util.SplittableRandom(42);
                byte[] block = new byte[1 << 20];
                for (long written = 0; written < size; written += block.length) {
                    random.nextBytes(block);
                    out.write(java.nio.ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written)));
                }
            }
        }
        if (!onPath("aws")) {
            results.put("s3_extract_vs_cli_ratio", "not measured: no aws CLI on the PATH");
            return;
        }
        // The default credential chain reads these, as it reads AWS_ACCESS_KEY_ID in a shell (the CLI gets those).
        System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
        try (S3Server server = S3Server.onDisk(clean(root.resolve("store")))) {
            server.bucket("bench");
            server.putFile("bench", "big/object.bin", object);
            for (boolean slow : new boolean[] {false, true}) {
                List<Double> ours = new ArrayList<>();
                List<Double> cli = new ArrayList<>();
                try (FaultyProxy proxy = new FaultyProxy(server.port(), FaultyProxy.Mode.SLOW, 0)) {
                    String endpoint = slow ? proxy.endpoint() : server.endpoint();
                    for (int i = 0; i <= RUNS; i++) {
                        Path target = clean(root.resolve("download")).resolve("object.bin");
                        double a = ExtractBench.download(endpoint, "bench", "big/object.bin", target, QUIET);
                        if (Files.size(target) != size) {
                            throw new IllegalStateException("the extractor wrote " + Files.size(target) + " bytes");
                        }
                        clean(root.resolve("download"));
                        double b = awsCopy(endpoint, target);
                        if (i > 0) { // the first pair warms the server's page cache and the JIT
                            ours.add(a);
                            cli.add(b);
                        }
                    }
                }
                String suffix = slow ? "_slow_connections" : "";
                print("s3 extract 1 object" + suffix + " (s)", ours);
                print("aws s3 cp, same object" + suffix + " (s)", cli);
                results.put("s3_extract_s" + suffix, stats(ours));
                results.put("s3_cli_s" + suffix, stats(cli));
                results.put("s3_extract_vs_cli_ratio" + suffix, round(median(ours) / median(cli)));
            }
        }
        results.put("s3_object_bytes", size);
    }

    static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static double awsCopy(String endpoint, Path target) throws Exception {
        ProcessBuilder aws = new ProcessBuilder("aws", "s3", "cp", "s3://bench/big/object.bin", target.toString(),
                "--endpoint-url", endpoint, "--no-progress", "--only-show-errors").redirectErrorStream(true);
        aws.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        aws.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        aws.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        long start = System.nanoTime();
        Process p = aws.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.isRegularFile(target)) {
            throw new IllegalStateException("aws s3 cp failed: " + out);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * An incremental model of all sessions gets 1 % new sessions, appended to both files: the run that adds them
     * against a full rebuild of the same files. The model's own steps (build, checks, publish) are reported apart,
     * since that is what the materialization changes.
     */
    void incremental() throws Exception {
        Path base = sessions();
        Path grown = OUT.resolve("data-" + SESSIONS + "-plus-1pct");
        if (!Files.isRegularFile(grown.resolve("session_timestamp.csv"))) {
            appendNewSessions(base, grown, SESSIONS / 100);
        }
        Path dir = OUT.resolve("incremental");
        List<Double> added = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> addedModel = new ArrayList<>();
        List<Double> fullModel = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            clean(dir);
            incrementalProject(dir, base);
            execute(dir, RunOptions.DEFAULTS); // the published table before the new day (not timed)
            incrementalProject(dir, grown);
            RunReport add = run(dir, RunOptions.DEFAULTS);
            RunReport rebuild = run(dir, RunOptions.DEFAULTS.withThreads(RunOptions.CORES, true));
            if (!add.steps().stream().anyMatch(st -> st.detail().contains("incremental append"))) {
                throw new IllegalStateException("the run did not add incrementally: " + add.steps());
            }
            if (i > 0) {
                added.add(seconds(add));
                full.add(seconds(rebuild));
                addedModel.add(modelSeconds(add));
                fullModel.add(modelSeconds(rebuild));
            }
        }
        print("incremental run, +1% sessions (s)", added);
        print("full rebuild of the same files (s)", full);
        print("incremental model steps (s)", addedModel);
        print("full model steps (s)", fullModel);
        results.put("incremental_run_s", stats(added));
        results.put("incremental_full_run_s", stats(full));
        results.put("incremental_vs_full_ratio", round(median(added) / median(full)));
        results.put("incremental_vs_full_model_steps_ratio", round(median(addedModel) / median(fullModel)));
    }

    static void incrementalProject(Path dir, Path data) throws IOException {
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("data/", data.toAbsolutePath() + "/")
                + "    materialized: incremental\n");
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL
                + "{{#incremental}}WHERE st.ts > (SELECT max(ts) FROM {{this}}){{/incremental}}\n");
    }

    /** The base files plus {@code count} sessions later than all of them. */
    static void appendNewSessions(Path base, Path grown, long count) throws IOException {
        Files.createDirectories(grown);
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            Files.copy(base.resolve(f), grown.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var channels = Files.newBufferedWriter(grown.resolve("user_session_channel.csv"),
                java.nio.file.StandardOpenOption.APPEND);
             var stamps = Files.newBufferedWriter(grown.resolve("session_timestamp.csv"),
                     java.nio.file.StandardOpenOption.APPEND)) {
            for (long i = 0; i < count; i++) {
                channels.write((i % 9973) + ",new" + i + ",Organic\n");
                stamps.write("new" + i + ",2031-01-01 " + String.format("%02d:%02d:%02d.%03d", i / 3600 % 24,
                        i / 60 % 60, i % 60, i % 1000) + "\n");
            }
        }
    }

    RunReport run(Path dir, RunOptions options) {
        return Pipeline.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null,
                null, null, "bench", options), QUIET);
    }

    static double seconds(RunReport report) {
        return java.time.Duration.between(report.started(), report.finished()).toMillis() / 1e3;
    }

    /** Build, checks and publish of the model: what its materialization decides. */
    static double modelSeconds(RunReport report) {
        long millis = report.steps().stream().filter(st -> st.subject().equals("session_summary")
                && (st.step().equals("ctas") || st.step().equals("swap"))).mapToLong(StepResult::millis).sum();
        millis += report.checks().stream().filter(c -> c.subject().equals("session_summary"))
                .mapToLong(CheckResult::millis).sum();
        return millis / 1e3;
    }

    /** A full session:run on a fresh target, in this JVM (heap capped by the profile's -Xmx256m). */
    double fullRun(Path dir, Path data) throws IOException {
        clean(dir);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("data/", data.toAbsolutePath() + "/"));
        TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
        return execute(dir, RunOptions.DEFAULTS.withThreads(RunOptions.CORES, true));
    }

    double execute(Path dir, RunOptions options) {
        long start = System.nanoTime();
        Pipeline.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null,
                null, "bench", options), QUIET);
        return (System.nanoTime() - start) / 1e9;
    }

    /** The statements the run sent, in order, over one plain JDBC connection on a fresh database file. */
    double rawReplay(Path dir, Path journal) throws Exception {
        return rawReplay(dir, journal, statement -> true);
    }

    /** @param keep which statements to replay, by the name the journal gives them (e.g. {@code stage/x.load_csv.sql}) */
    double rawReplay(Path dir, Path journal, java.util.function.Predicate<String> keep) throws Exception {
        List<String> statements = new ArrayList<>();
        TestProjects.journal(journal).forEach((name, sql) -> {
            if (keep.test(name)) {
                statements.add(sql);
            }
        });
        TestProjects.deleteTree(dir.resolve("target"));
        Files.createDirectories(dir.resolve("target"));
        long start = System.nanoTime();
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + dir.resolve("target/session.duckdb"),
                new java.util.Properties())) {
            for (String sql : statements) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static Map<String, Object> stats(List<Double> values) {
        return Map.of("min", round(values.stream().min(Comparator.naturalOrder()).orElse(0.0)), "median",
                round(median(values)), "max", round(values.stream().max(Comparator.naturalOrder()).orElse(0.0)),
                "runs", values.stream().map(PipelineBenchmark::round).toList());
    }

    static void print(String what, List<Double> values) {
        System.out.printf(Locale.ROOT, "bench: %-34s min %10.4f  median %10.4f  max %10.4f%n", what,
                values.stream().min(Comparator.naturalOrder()).orElse(0.0), median(values),
                values.stream().max(Comparator.naturalOrder()).orElse(0.0));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** What survived collections at its highest (young pools peak at their size by design, so they say little). */
    static long oldGenPeakMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().matches("(?i).*(old|tenured).*")) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak / (1024 * 1024);
    }

    static Path clean(Path dir) throws IOException {
        TestProjects.deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

}
