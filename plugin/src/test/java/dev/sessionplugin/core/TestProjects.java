package dev.sessionplugin.core;

import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.sample.SampleData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Builds small pipeline projects in a temporary folder and runs goals on them against a real DuckDB file. */
public final class TestProjects {

    public static final String DESCRIPTOR = """
            project: session
            sources:
              user_session_channel:
                uri: data/user_session_channel.csv
                table: user_session_channel_table
                columns: {userId: VARCHAR, sessionId: VARCHAR, channel: VARCHAR}
              session_timestamp:
                uri: data/session_timestamp.csv
                table: session_timestamp_table
                columns: {sessionId: VARCHAR, ts: TIMESTAMP}
            models:
              session_summary:
                checks:
                  - unique: [sessionId]
                  - no_duplicate_rows
            """;

    public static final String MODEL = """
            SELECT usc.userId, usc.sessionId, usc.channel, st.ts
            FROM {{#source}}user_session_channel{{/source}} AS usc
            JOIN {{#source}}session_timestamp{{/source}} AS st ON usc.sessionId = st.sessionId
            """;

    private TestProjects() {
    }

    /** The seed pipeline with {@code sessions} generated sessions. */
    public static Path sample(Path dir, long sessions) throws IOException {
        write(dir, "pipeline.yaml", DESCRIPTOR);
        write(dir, "models/session_summary.sql.mustache", MODEL);
        SampleData.write(dir.resolve("data"), sessions, 7);
        return dir;
    }

    /** A second model over the seed's: sessions per channel ({@code channel_counts}). */
    public static void channelCounts(Path dir) throws IOException {
        write(dir, "models/channel_counts.sql.mustache",
                "SELECT channel, COUNT(*) AS sessions FROM {{#ref}}session_summary{{/ref}} GROUP BY channel");
    }

    public static void write(Path dir, String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    public static void append(Path dir, String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, java.nio.file.StandardOpenOption.APPEND);
    }

    public static RunReport run(Path dir, Goal goal) {
        return run(dir, goal, null, new ArrayList<>());
    }

    public static RunReport run(Path dir, Goal goal, String select, List<String> log) {
        return run(dir, goal, select, null, RunOptions.DEFAULTS, log);
    }

    public static RunReport run(Path dir, Goal goal, String select, String sources, RunOptions options,
                                List<String> log) {
        return execute(new RunRequest(goal, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, select,
                sources, "test", options), log);
    }

    /** Runs a request, collecting its progress lines in {@code log} (warnings prefixed "WARN "). */
    public static RunReport execute(RunRequest request, List<String> log) {
        return Pipeline.execute(request, collecting(log));
    }

    /** Progress that collects its lines in {@code log} (warnings prefixed "WARN "). */
    public static Progress collecting(List<String> log) {
        return new Progress() {
            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void warn(String line) {
                log.add("WARN " + line);
            }
        };
    }

    /**
     * One statement of the last session:render, by the name a run's file for it has (e.g.
     * {@code ctas/m.ctas_shadow.sql}): render writes one file per model or source holding its statements.
     */
    public static String rendered(Path dir, String statement) throws IOException {
        String subject = statement.substring(statement.indexOf('/') + 1, statement.indexOf('.'));
        String text = dev.sessionplugin.core.warehouse.RenderedFiles.statementIn(Files.readString(
                dir.resolve("target/session/rendered/" + subject + ".sql")), statement);
        if (text == null) {
            throw new AssertionError("no statement " + statement + " in target/session/rendered/" + subject + ".sql");
        }
        return text;
    }

    /** Rows of a query on the project's DuckDB file, each row's columns joined by '|'. */
    public static List<String> query(Path dir, String sql) throws SQLException {
        return queryFile(dir.resolve("target/session.duckdb"), sql);
    }

    /** Rows of a query on a DuckDB file (e.g. the serving file), each row's columns joined by '|'. */
    public static List<String> queryFile(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /**
     * The inner join of a project's two sample CSVs on sessionId, computed without the plugin, as sorted
     * {@code userId|sessionId|channel|ts} rows (the sample files quote no commas).
     */
    public static List<String> innerJoinOfCsvs(Path dir) throws java.io.IOException {
        java.util.Map<String, String> stamps = new java.util.HashMap<>();
        for (String line : rows(dir.resolve("data/session_timestamp.csv"))) {
            String[] cells = line.split(",");
            stamps.put(cells[0], cells[1]);
        }
        List<String> joined = new ArrayList<>();
        for (String line : rows(dir.resolve("data/user_session_channel.csv"))) {
            String[] cells = line.replace("\"", "").split(",");
            if (stamps.containsKey(cells[1])) {
                joined.add(cells[0] + "|" + cells[1] + "|" + cells[2] + "|" + stamps.get(cells[1]));
            }
        }
        java.util.Collections.sort(joined);
        return joined;
    }

    /** The published session_summary as sorted {@code userId|sessionId|channel|ts} rows, ts with milliseconds. */
    public static List<String> publishedRows(Path dir) throws SQLException {
        List<String> rows = new ArrayList<>(query(dir, "SELECT userId, sessionId, channel, "
                + "strftime(ts, '%Y-%m-%d %H:%M:%S.%g') FROM analytics.session_summary"));
        java.util.Collections.sort(rows);
        return rows;
    }

    private static List<String> rows(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size());
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Starts {@code main} of a test class in a JVM of its own, with this test run's class path. */
    public static Process javaProcess(Class<?> main, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    public static SessionException failure(Runnable run) {
        try {
            run.run();
        } catch (SessionException e) {
            return e;
        }
        throw new AssertionError("expected the run to fail");
    }

    /** The repository's sample project (descriptor, models, data, tests), as a user has it. */
    public static Path copyOfTheSample(Path dir) throws IOException {
        Path sample = Path.of("../sample-project");
        try (java.util.stream.Stream<Path> all = Files.walk(sample)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Path rel = sample.relativize(p);
                if (!rel.startsWith("target")) {
                    Files.createDirectories(dir.resolve(rel).getParent());
                    Files.copy(p, dir.resolve(rel));
                }
            }
        }
        return dir;
    }

    /** The statements of a journal ({@code journal.sql}) in order, by the name the journal gives each. */
    public static java.util.LinkedHashMap<String, String> journal(Path journal) throws IOException {
        String text = Files.readString(journal);
        java.util.regex.Matcher mark = java.util.regex.Pattern.compile("(?m)^"
                + dev.sessionplugin.core.warehouse.RenderedFiles.JOURNAL_MARK + "(.*)$").matcher(text);
        List<int[]> marks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (mark.find()) {
            marks.add(new int[] {mark.start(), mark.end()});
            names.add(mark.group(1).strip());
        }
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < marks.size(); i++) {
            String sql = text.substring(marks.get(i)[1], i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length())
                    .strip();
            if (!sql.isEmpty()) {
                out.put(names.get(i), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
            }
        }
        return out;
    }
}
