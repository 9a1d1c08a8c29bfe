package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.descriptor.SupersetSpec;
import dev.sessionplugin.core.warehouse.RunLock;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embedded DuckDB. DDL is transactional here, so a whole publish is one transaction: every model switches to its
 * new version at once, or (on any error or a crash) none does. Engine errors carry no SQLSTATE; they are told
 * apart by their message prefix.
 */
public final class DuckDbDialect implements Dialect {

    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern CSV_FILE = Pattern.compile("(?m)^\\s*file = (.+)$");
    private static final Pattern ORIGINAL = Pattern.compile("(?m)^Original Line: (.*)$");
    private static final Pattern CSV_COLUMN = Pattern.compile("converting column \"([^\"]+)\"");
    private static final Pattern LOCK = Pattern.compile("Could not set lock on file \"([^\"]+)\": (.*?)(\\.|$)",
            Pattern.MULTILINE);

    private final Path file;
    private final ServingFile serving;

    /** @param file the run's work file; @param servingFile the file readers open, replaced whole on publish */
    public DuckDbDialect(Path file, Path servingFile) {
        this.file = file;
        this.serving = new ServingFile(servingFile);
    }

    @Override
    public String name() {
        return Dialects.DUCKDB;
    }

    /** One writer commits at a time to a file, and each statement already runs on every core. */
    @Override
    public boolean buildsInOneTransaction() {
        return true;
    }

    /** Quoted: DuckDB keeps the declared case and still matches names case-insensitively, and keywords are safe. */
    @Override
    public String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** An engine in memory, for binding models without data (session:compile): nothing is written to disk. */
    public static DuckDbDialect inMemory() {
        return new DuckDbDialect(null, null);
    }

    @Override
    public Connection connect() throws SQLException {
        if (file == null) {
            return new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        }
        try {
            java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot create the database folder: " + e,
                    "check that the build directory is writable", e);
        }
        Properties props = new Properties();
        // An s3:// path must fail fast here, not try to download an extension from the internet.
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        // The driver directly, not DriverManager: inside Maven each plugin has its own class loader, and
        // DriverManager only hands out drivers visible to the loader that first initialised it.
        Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), props);
        if (connection == null) {
            throw new SQLException("the DuckDB driver refused " + file);
        }
        return connection;
    }

    @Override
    public RunLock lockRun(java.time.Duration wait) {
        return RunLock.acquire(file.resolveSibling(file.getFileName() + ".lock"), wait);
    }

    /**
     * Shadows and the work file's publish are transactional and need nothing. A kill while the serving file was
     * being written leaves a temporary file and possibly an old serving file: both are put right.
     */
    @Override
    public String recover(Warehouse warehouse, Statements statements) {
        serving.removeStaleTemps();
        boolean published = statements.publishedSchemas().stream()
                .anyMatch(schema -> !ServingFile.publishedTables(warehouse, statements, schema).isEmpty());
        if (!published) {
            return "removed temporary files";
        }
        serving.publish(warehouse, statements);
        return "removed temporary files and rewrote the serving file from the published tables";
    }

    @Override
    public List<String> outputs() {
        return List.of("work file      " + file, "serving file   " + serving.path() + "  (what readers and Superset open)");
    }

    @Override
    public java.util.Optional<Path> readerCopy() {
        return serving.path() == null ? java.util.Optional.empty() : java.util.Optional.of(serving.path());
    }

    @Override
    public boolean publishedCopiesIntact() {
        return java.nio.file.Files.isRegularFile(serving.path()) && !serving.hasStaleTemps();
    }

    /** Same database instance, own connection: threads share the file and its cache, not a transaction. */
    @Override
    public Connection duplicate(Connection connection) throws SQLException {
        return connection.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
    }

    @Override
    public String describeTarget() {
        return file.toString();
    }

    /**
     * {@code duckdb:///} + an absolute path: four slashes. Superset reads the serving file (never the work file,
     * which a run holds locked); the path is the one Superset's host sees.
     */
    @Override
    public String supersetUri(SupersetSpec superset, String schema) {
        String path = superset.duckdbPath() != null ? superset.duckdbPath()
                : serving.path().toAbsolutePath().toString();
        return "duckdb:///" + path;
    }

    @Override
    public boolean isTransient(SQLException error) {
        return message(error).contains("TransactionContext Error") && message(error).contains("onflict");
    }

    @Override
    public SessionException translate(SQLException error, Sql statement) {
        String text = message(error);
        String where = statement == null ? null : statement.relativePath();
        Matcher lock = LOCK.matcher(text);
        if (lock.find()) {
            return new SessionException(Kind.WAREHOUSE, Location.of(lock.group(1)),
                    "the database file is locked by another process: " + lock.group(2),
                    "wait for the other run to finish, or close the program holding the file "
                            + "(a DuckDB CLI or a BI tool pointed at it)", error);
        }
        Matcher csv = CSV_LINE.matcher(text);
        if (csv.find()) {
            Matcher f = CSV_FILE.matcher(text);
            Matcher original = ORIGINAL.matcher(text);
            Matcher column = CSV_COLUMN.matcher(text);
            String detail = detail(text);
            String row = original.find() ? original.group(1) : "";
            return new SessionException(Kind.DATA, new Location(f.find() ? f.group(1).trim() : "CSV",
                    Integer.parseInt(csv.group(1)), 0), "malformed CSV row" + (column.find() ? ", column '"
                    + column.group(1) + "'" : "") + ": " + detail + " (row: " + row + ")",
                    "fix that row of the file, or declare the column with a type that accepts it in pipeline.yaml",
                    error);
        }
        if (text.contains("CSV Parser state machine reached an invalid state")) {
            Matcher f = CSV_FILE.matcher(text);
            return new SessionException(Kind.DATA, Location.of(f.find() ? f.group(1).trim() : "CSV"),
                    "the file is not a CSV in the declared format (comma-separated, double-quoted fields, one kind "
                            + "of line ending)", "look for an unbalanced quote or a stray carriage return, or "
                    + "re-export the file as RFC 4180 CSV", error);
        }
        if (text.contains("is not a valid DuckDB database file")) {
            return new SessionException(Kind.IO, Location.of(file.toString()), "the work file is not a DuckDB database "
                    + "(damaged or overwritten)", "move it away (keep it for inspection) and run again: a run rebuilds "
                    + "everything in it, and the serving file keeps the published tables meanwhile", error);
        }
        if (text.startsWith("IO Error: No files found")) {
            return new SessionException(Kind.DATA, null, firstLine(text),
                    "check the source's uri in pipeline.yaml (or -Dsession.sources)", error);
        }
        if (text.matches("(?s)^(Parser|Binder|Catalog) Error.*")) {
            return new SessionException(Kind.CONFIG, where == null ? null : Location.of(where), clip(text),
                    "fix the SQL that produced this statement (the rendered file shows it as it ran)", error);
        }
        if (text.matches("(?s)^(Conversion|Out of Range|Invalid Input) Error.*")) {
            return new SessionException(Kind.DATA, where == null ? null : Location.of(where), clip(text),
                    "a value does not fit what the SQL does with it (a cast, a division, a range): fix the SQL "
                            + "(e.g. TRY_CAST) or those rows", error);
        }
        if (text.startsWith("IO Error")) {
            return new SessionException(Kind.IO, Location.of(file.toString()), clip(text),
                    "check that the file and its folder exist and are writable", error);
        }
        return new SessionException(Kind.WAREHOUSE, where == null ? null : Location.of(where), clip(text), null,
                error);
    }

    /**
     * One transaction for all models: drop each live table and rename its shadow to the live name (inside the
     * transaction no reader sees the name without a table; or, for an incremental overlay, apply its batch to the
     * live table); then
     * re-create each view over the published tables (a shadow view reads shadows). What is live is asked first,
     * because a failed statement would abort the transaction. Then the serving file is brought to the published
     * relations (see {@link ServingFile}) and swapped in; the transaction gives each table it wrote a new version.
     */
    @Override
    public void publish(Warehouse warehouse, Statements statements, List<Publication> publications,
                        dev.sessionplugin.core.report.Progress progress) {
        var kinds = statements.kinds(warehouse, "swap");
        List<String> live = publications.stream().map(p -> {
            if (!warehouse.executes()) { // rendered: the steady state, a live relation of the same kind
                return p.isView() ? "VIEW" : "BASE TABLE";
            }
            return kinds.apply(p.schema(), p.live());
        }).toList();
        java.util.Set<String> copied = new java.util.HashSet<>();
        Map<String, String> before = warehouse.executes() ? ServingVersions.ofWork(warehouse, statements) : Map.of();
        Map<String, String> versions = new java.util.HashMap<>();
        Map<String, BatchApply> batches = new java.util.HashMap<>();
        String version = ServingVersions.fresh();
        for (Publication p : publications) {
            if (!p.isView()) {
                versions.put(ServingVersions.key(p.schema(), p.live()), version);
            }
            if (p.batch() != null) {
                batches.put(ServingVersions.key(p.schema(), p.live()), p.batch());
            }
        }
        warehouse.inTransaction(() -> {
            for (int i = 0; i < publications.size(); i++) { // tables first: views bind to them when created
                Publication p = publications.get(i);
                if (p.batch() != null) { // an overlay: the checked batch goes into the table, nothing is swapped
                    p.batch().to(statements.dialect().relation(p.schema(), p.live())).forEach(warehouse::update);
                    warehouse.update(statements.dropRelation("swap", p.model(), "drop_shadow", p.schema(),
                            p.shadow(), true));
                } else if (!p.isView()) { // inside the transaction, nobody sees the name without a table
                    if (!live.get(i).isEmpty()) {
                        warehouse.update(statements.dropRelation("swap", p.model(), "drop_live", p.schema(),
                                p.live(), live.get(i).equals("VIEW")));
                    }
                    warehouse.update(statements.rename("swap", p.model(), "promote_shadow", p.schema(), p.shadow(),
                            p.live()));
                }
            }
            for (int i = 0; i < publications.size(); i++) {
                Publication p = publications.get(i);
                if (p.isView()) {
                    if (!live.get(i).isEmpty()) {
                        warehouse.update(statements.dropRelation("swap", p.model(), "drop_live", p.schema(),
                                p.live(), live.get(i).equals("VIEW")));
                    }
                    p.copySources(warehouse, copied);
                    warehouse.update(statements.createView(p.model(), p.schema(), p.live(), p.view()));
                    warehouse.update(statements.dropRelation("swap", p.model(), "drop_shadow", p.schema(),
                            p.shadow(), true));
                }
            }
            if (warehouse.executes()) {
                ServingVersions.recordWork(warehouse, statements, versions);
            }
            return null;
        });
        serving.publish(warehouse, statements, before, batches);
        publications.stream().filter(p -> p.batch() != null).forEach(p -> warehouse.update(p.batch().dropBatch()));
    }

    private static String message(SQLException error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        // DuckDB 1.5 wraps the real error behind this preamble.
        int real = text.indexOf("\nError: ");
        return text.startsWith("Invalid Input Error: Attempting to execute") && real > 0
                ? text.substring(real + 8) : text;
    }

    private static String detail(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Original Line:") && i + 1 < lines.size()) {
                return lines.get(i + 1);
            }
        }
        return firstLine(text);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }

    private static String clip(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(4).toList();
        return String.join(" | ", lines);
    }
}
