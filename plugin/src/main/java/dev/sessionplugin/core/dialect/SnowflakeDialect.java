package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.descriptor.SnowflakeSettings;
import dev.sessionplugin.core.descriptor.SupersetSpec;
import dev.sessionplugin.core.extract.CsvHeader;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.warehouse.RunLock;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.snowflake.client.api.driver.SnowflakeDriver;
import net.snowflake.client.api.statement.SnowflakeStatement;

/**
 * Snowflake through its JDBC driver. Every DDL statement commits on its own, so shadows are built and checked
 * outside any transaction, and the publish uses DML ({@link SnowflakePublish}). Names are written unquoted, so
 * Snowflake stores them upper-case and the same logical names work from models, checks and Superset.
 */
public final class SnowflakeDialect implements Dialect {

    public static final String NAME = "snowflake";

    /** Network, expired session, statement timeout: worth another try. Not 604, an operator's cancel. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(200015, 200016, 390114, 390111, 630);

    private static final Pattern UNKNOWN_HOST = Pattern.compile("UnknownHostException: ([^\\s:]+)");

    /**
     * The driver logs through java.util.logging straight to stderr ("SEVERE: ..."), outside the build log; what
     * matters reaches the run as an exception with its code. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger DRIVER_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("net.snowflake");
        log.setLevel(java.util.logging.Level.OFF);
        return log;
    }

    static final int STATEMENT_TIMEOUT_SECONDS = 6 * 3600;
    static final int QUEUED_TIMEOUT_SECONDS = 3600;
    static final int LOCK_TIMEOUT_SECONDS = 900;

    private final SnowflakeSettings settings;
    private final Credentials credentials;
    private final String project;
    private final Path lockFile;
    private volatile TableLock lease;

    public SnowflakeDialect(SnowflakeSettings settings, Credentials credentials, String project, Path lockFile) {
        this.settings = settings;
        this.credentials = credentials == null ? Credentials.NONE : credentials;
        this.project = project;
        this.lockFile = lockFile;
    }

    /** CLONE is zero-copy: an incremental shadow is a clone of the live table with the batch applied. */
    @Override
    public boolean clonesTablesForFree() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Unquoted: the descriptor only admits plain identifiers, and unquoted names match in any case. */
    @Override
    public String identifier(String name) {
        return name;
    }

    @Override
    public boolean readsRemote(String uri) {
        return uri.startsWith("s3://");
    }

    @Override
    public Map<String, Object> templateVariables() {
        return Map.of("transient", settings.transientTables(),
                "storage_integration", settings.stageIntegration() == null ? false : settings.stageIntegration());
    }

    @Override
    public String defaultSources() {
        return settings.sources();
    }

    @Override
    public Connection connect() throws SQLException {
        requireDriver();
        String user = credentials.user() != null ? credentials.user() : settings.user();
        List<String> missing = new ArrayList<>();
        if (settings.url() == null && settings.account() == null) {
            missing.add("snowflake.account in pipeline.yaml (or -Dsession.snowflake.account)");
        }
        if (user == null) {
            missing.add("a user (snowflake.user, the settings.xml server's username, or SNOWFLAKE_USER)");
        }
        if (!credentials.hasPassword() && !credentials.hasKeyPair() && !credentials.hasToken()) {
            missing.add("a secret: settings.xml <server id=\"" + settings.server() + "\"> (password, or privateKey "
                    + "+ passphrase), or SNOWFLAKE_PASSWORD / SNOWFLAKE_TOKEN / SNOWFLAKE_PRIVATE_KEY_FILE");
        }
        if (!missing.isEmpty()) {
            throw SessionException.config(Location.of("pipeline.yaml"), "cannot connect to Snowflake: missing "
                    + String.join("; ", missing), "see the README's Snowflake section");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        put(props, "role", settings.role());
        put(props, "warehouse", settings.warehouse());
        put(props, "db", settings.database());
        // JSON results: the Arrow format needs --add-opens on Java 17.
        props.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        // No probing of cloud metadata endpoints and no out-of-band telemetry from a build tool.
        props.setProperty("disablePlatformDetection", "true"); // the driver's own key; others go to the server
        props.setProperty("CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED", "false");
        props.setProperty("CLIENT_TELEMETRY_ENABLED", "false");
        // Session parameters, so results do not depend on the account's defaults: fresh checks and TIMESTAMP
        // values in UTC, and a statement that hangs is stopped after hours, not the default two days.
        props.setProperty("TIMEZONE", "UTC");
        props.setProperty("STATEMENT_TIMEOUT_IN_SECONDS", String.valueOf(STATEMENT_TIMEOUT_SECONDS));
        props.setProperty("STATEMENT_QUEUED_TIMEOUT_IN_SECONDS", String.valueOf(QUEUED_TIMEOUT_SECONDS));
        // A write waiting behind another transaction's lock fails after minutes, not the default 12 hours.
        props.setProperty("LOCK_TIMEOUT", String.valueOf(LOCK_TIMEOUT_SECONDS));
        if (credentials.hasToken()) {
            props.setProperty("authenticator", "PROGRAMMATIC_ACCESS_TOKEN");
            props.setProperty("token", credentials.token());
        } else if (credentials.hasKeyPair()) {
            props.setProperty("authenticator", "SNOWFLAKE_JWT");
            props.setProperty("private_key_file", credentials.privateKeyFile());
            put(props, "private_key_pwd", credentials.privateKeyPassphrase());
        } else {
            props.setProperty("password", credentials.password());
        }
        if (settings.url() != null && settings.url().contains("ssl=off")) {
            props.setProperty("ssl", "off");
        }
        Connection connection = new SnowflakeDriver().connect(jdbcUrl(), props);
        if (connection == null) {
            throw new SQLException("the Snowflake driver refused the URL " + jdbcUrl());
        }
        return connection;
    }

    /**
     * The driver is not one of the plugin's own dependencies (most users never need its 99 MB): a Snowflake user
     * declares it under the plugin. Checked before first use, so its absence is a message, not a class error.
     * Goals that do not connect (render, compile, export-superset) work without it.
     */
    static void requireDriver() {
        try {
            Class.forName("net.snowflake.client.api.driver.SnowflakeDriver", false, SnowflakeDialect.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw SessionException.config(Location.of("pom.xml"), "the Snowflake JDBC driver is not on the plugin's "
                    + "class path (the plugin leaves it out, so that DuckDB users do not download it)", "declare it "
                    + "under the plugin in your pom.xml: <plugin>...<artifactId>session-maven-plugin</artifactId>"
                    + "<dependencies><dependency><groupId>net.snowflake</groupId><artifactId>snowflake-jdbc</artifactId>"
                    + "<version>" + driverVersion() + "</version></dependency></dependencies></plugin>");
        }
    }

    /** The driver version this plugin is built and tested with. */
    static String driverVersion() {
        java.util.Properties versions = new java.util.Properties();
        try (var in = SnowflakeDialect.class.getResourceAsStream("/dev/sessionplugin/drivers.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (java.io.IOException e) {
            // the message then names no version
        }
        return versions.getProperty("snowflake-jdbc", "<the current release>");
    }

    private String jdbcUrl() {
        return settings.url() != null ? settings.url()
                : "jdbc:snowflake://" + settings.account() + ".snowflakecomputing.com/";
    }

    private static void put(Properties props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.setProperty(key, value);
        }
    }

    @Override
    public boolean exportsFromCatalog() {
        return true;
    }

    /** Names are written unquoted (so they match in any case); a reserved word would not parse that way. */
    @Override
    public void checkNames(dev.sessionplugin.core.Plan plan, dev.sessionplugin.core.descriptor.Descriptor.Schemas schemas) {
        List<String[]> named = new ArrayList<>();
        plan.models().forEach(m -> named.add(new String[] {"model", m.name()}));
        for (var source : plan.sources()) {
            named.add(new String[] {"source", source.name()});
            named.add(new String[] {"table of source " + source.name(), source.table()});
            source.columns().forEach(c -> named.add(new String[] {"column of source " + source.name(), c.name()}));
        }
        java.util.Set<String> all = new java.util.LinkedHashSet<>(List.of(schemas.staging(), schemas.published(),
                schemas.audit(), schemas.meta()));
        plan.models().forEach(m -> {
            if (m.spec().schema() != null) {
                all.add(m.spec().schema());
            }
        });
        for (String schema : all) {
            named.add(new String[] {"schema", schema});
        }
        for (String[] n : named) {
            if (ReservedWords.SNOWFLAKE.contains(n[1].toUpperCase(Locale.ROOT))) {
                throw SessionException.config(Location.of("pipeline.yaml"), "the " + n[0] + " name '" + n[1]
                        + "' is a reserved word in Snowflake: written unquoted, as every name is, it does not parse",
                        "rename it (e.g. " + n[1] + "_name or " + n[1] + "s)");
            }
        }
    }

    /** TIMESTAMP follows the account's TIMESTAMP_TYPE_MAPPING; the descriptor means a time without zone. */
    @Override
    public String columnType(String declared) {
        return declared.trim().equalsIgnoreCase("TIMESTAMP") ? "TIMESTAMP_NTZ" : declared;
    }

    @Override
    public List<String> readRoles() {
        return settings.readRoles();
    }

    @Override
    public String describeCredentials() {
        String user = credentials.user() != null ? credentials.user() : settings.user();
        String secret = credentials.hasToken() ? "a programmatic access token" : credentials.hasKeyPair()
                ? "a key pair" : credentials.hasPassword() ? "a password" : null;
        return secret == null ? null : "user " + user + " with " + secret + " (from settings.xml server '"
                + settings.server() + "' or SNOWFLAKE_* variables)";
    }

    /** Whether a secret was found: the connection is not attempted without one. */
    public boolean hasSecret() {
        return describeCredentials() != null;
    }

    @Override
    public String describeTarget() {
        return "account " + (settings.account() == null ? settings.url() : settings.account())
                + (settings.database() == null ? "" : ", database " + settings.database());
    }

    /** Tags each statement {@code session:<project>:<model>:<step>} so it can be found in the query history. */
    @Override
    public void prepare(Statement statement, Sql sql) throws SQLException {
        statement.unwrap(SnowflakeStatement.class).setParameter("QUERY_TAG",
                "session:" + project + ":" + sql.subject() + ":" + sql.step());
    }

    /** 390114: the session's token expired; 390111: the session no longer exists. */
    @Override
    public boolean sessionGone(SQLException error) {
        return error.getErrorCode() == 390114 || error.getErrorCode() == 390111;
    }

    @Override
    public String queryId(SQLException error) {
        return error instanceof net.snowflake.client.api.exception.SnowflakeSQLException sf ? sf.getQueryId() : null;
    }

    @Override
    public String queryId(Statement statement) {
        try {
            return statement.unwrap(SnowflakeStatement.class).getQueryID();
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public boolean isTransient(SQLException error) {
        if (unknownHost(error) != null) {
            return false; // a wrong account identifier does not heal by retrying
        }
        return TRANSIENT_CODES.contains(error.getErrorCode())
                || (error.getSQLState() != null && error.getSQLState().startsWith("08"));
    }

    @Override
    public SessionException translate(SQLException error, Sql statement) {
        String where = statement == null ? null : statement.relativePath();
        String queryId = error instanceof net.snowflake.client.api.exception.SnowflakeSQLException sf
                ? sf.getQueryId() : null;
        String text = "Snowflake error " + error.getErrorCode() + " (" + error.getSQLState() + "): "
                + oneLine(error.getMessage()) + (queryId == null ? "" : " [query id " + queryId + "]");
        Location at = where == null ? Location.of(describeTarget()) : Location.of(where);
        int code = error.getErrorCode();
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String host = unknownHost(error);
        if (host != null) {
            return new SessionException(Kind.CONFIG, Location.of("pipeline.yaml"), "cannot resolve the Snowflake host "
                    + host, "check snowflake.account: it is <orgname>-<account_name> (e.g. myorg-myaccount) or an "
                    + "account locator with its region (e.g. xy12345.eu-central-1), without .snowflakecomputing.com",
                    error);
        }
        if (code == 390100 || code == 390144 || code == 390318 || state.equals("28000")) {
            return new SessionException(Kind.CONFIG, Location.of(describeTarget()), text,
                    "check the user and the secret in settings.xml <server id=\"" + settings.server()
                            + "\"> or the SNOWFLAKE_* environment variables", error);
        }
        if (state.startsWith("42") || code == 1003 || code == 2003 || code == 2043 || code == 3001) {
            return new SessionException(Kind.CONFIG, at, text, code == 3001 || code == 2003
                    ? "check the object name and the role's privileges (USAGE on database and schema, CREATE TABLE, "
                    + "OWNERSHIP for SWAP); the statement as sent is in the rendered file"
                    : "fix the SQL that produced this statement; the statement as sent is in the rendered file", error);
        }
        if (state.startsWith("22") || (code >= 100000 && code < 101000)) {
            return new SessionException(Kind.DATA, at, text, "fix the file's row named above", error);
        }
        return new SessionException(Kind.WAREHOUSE, at, text, isTransient(error)
                ? "a transient error that persisted after retries; run again" : null, error);
    }

    /**
     * Local files go to an internal stage with {@code PUT} (the driver uploads them), then the same COPY as for S3
     * reads them. Only sources whose files changed are loaded, so an unchanged file is never uploaded again.
     */
    @Override
    public void upload(Warehouse warehouse, Statements statements, dev.sessionplugin.core.descriptor.SourceSpec source,
                       List<Path> files, boolean newStage) {
        if (newStage) {
            warehouse.update(statements.createInternalStage(source));
        }
        for (Path file : files) {
            // The driver answers one row per file; a failed upload is a row with status ERROR, not an exception.
            for (Map<String, Object> row : warehouse.queryRows(statements.putFile(source, file), 100)) {
                String status = String.valueOf(Warehouse.value(row, "status"));
                if (warehouse.executes() && !status.equals("UPLOADED") && !status.equals("SKIPPED")) {
                    throw new SessionException(Kind.WAREHOUSE, Location.of(file.toString()), "PUT of " + file
                            .getFileName() + " to the stage of source '" + source.name() + "' failed: " + status + " "
                            + Warehouse.value(row, "message"), "check that the file is readable and the role may "
                            + "write to the schema's stages; run again", null);
                }
            }
        }
    }

    /**
     * Each remote file's version as its stage lists it (md5, size, last-modified). The stage is (re)created first
     * so it points where the descriptor says. A file the listing does not show, or a listing that fails, has no
     * version: the source is loaded again.
     */
    @Override
    public List<LocalFile> versioned(Warehouse warehouse, Statements statements, List<LocalFile> files) {
        List<LocalFile> out = new ArrayList<>();
        for (LocalFile file : files) {
            if (file.path() != null || !warehouse.executes()) {
                out.add(file);
                continue;
            }
            String version = null;
            String name = file.display().substring(file.display().lastIndexOf('/') + 1);
            try {
                warehouse.update(statements.createStage(file.source(), file.display()));
                for (Map<String, Object> row : warehouse.queryRows(statements.listStage(file.source(),
                        file.display()), 1000)) {
                    String listed = String.valueOf(Warehouse.value(row, "name"));
                    if (listed.equals(name) || listed.endsWith("/" + name)) {
                        version = Warehouse.value(row, "md5") + ":" + Warehouse.value(row, "size") + ":"
                                + Warehouse.value(row, "last_modified");
                    }
                }
            } catch (SessionException e) {
                version = null; // unknown means changed: the load (and its own error, if any) follows
            }
            out.add(new LocalFile(file.source(), null, file.display(), version));
        }
        return out;
    }

    /**
     * COPY loads by position, so a file whose columns were reordered would load silently wrong: its first line is
     * read through the stage and compared with the declared columns first.
     */
    @Override
    public void verifyHeader(Warehouse warehouse, Statements statements, LocalFile file) {
        if (file.path() != null || !file.source().csv().header()) {
            return;
        }
        warehouse.update(statements.headerFormat(file.source()));
        List<Map<String, Object>> rows = warehouse.queryRows(statements.readHeader(file.source(), file.display()), 1);
        if (!warehouse.executes()) {
            return; // rendered only: no header was read
        }
        if (rows.isEmpty()) { // through a stage, a missing object and an empty one both read as no rows
            throw SessionException.data(Location.of(file.display()), "Snowflake read no header line from "
                    + file.display() + ": the object is missing at the stage's location, or empty", "check that the "
                    + "object exists where the source points (snowflake.sources or -Dsession.sources), is not empty, "
                    + "and that the stage's role can read it");
        }
        List<String> found = new ArrayList<>();
        for (Object cell : rows.get(0).values()) {
            if (cell != null) {
                found.add(String.valueOf(cell).strip());
            }
        }
        CsvHeader.compare(file, found);
    }

    /**
     * COPY INTO answers one row per file (status, rows loaded, first error); the statement is run as a query for
     * that. The stage must report the expected file as LOADED without errors: a file that did not load fully fails
     * the stage with its first error, line and column, and a COPY that processed no file (missing at the stage's
     * location, or skipped as already loaded) fails too, instead of leaving an empty staging table.
     */
    @Override
    public long load(Warehouse warehouse, Sql load, String file) {
        long rows = 0;
        int loaded = 0;
        List<Map<String, Object>> answer;
        try {
            answer = warehouse.queryRows(load, 1000);
        } catch (SessionException e) {
            throw LoadError.of(e, file).orElseThrow(() -> e);
        }
        for (Map<String, Object> row : answer) {
            if (Warehouse.value(row, "rows_loaded") == null) {
                continue; // "Copy executed with 0 files processed."
            }
            String status = String.valueOf(Warehouse.value(row, "status"));
            long errors = number(Warehouse.value(row, "errors_seen"));
            if (!"LOADED".equalsIgnoreCase(status) || errors > 0) {
                int line = (int) number(Warehouse.value(row, "first_error_line"));
                Object named = Warehouse.value(row, "file");
                throw SessionException.data(Location.of(named == null ? file : String.valueOf(named), line),
                        "COPY INTO " + status + ": " + Warehouse.value(row, "first_error") + " (column "
                                + Warehouse.value(row, "first_error_column_name") + ")",
                        "fix that row of the file and run again");
            }
            loaded++;
            rows += number(Warehouse.value(row, "rows_loaded"));
        }
        if (loaded == 0 && warehouse.executes()) {
            throw SessionException.data(Location.of(file), "COPY INTO loaded no file: Snowflake found no " + file
                    + " at the stage's location", "check that the object exists where the source points "
                    + "(snowflake.sources or -Dsession.sources) and that the stage's role can read it");
        }
        return rows;
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** See {@link SnowflakePublish}: one transaction for every model that keeps its columns. */
    @Override
    public void publish(Warehouse warehouse, Statements st, List<Publication> publications,
                        dev.sessionplugin.core.report.Progress progress) {
        new SnowflakePublish(warehouse, st, lease, progress).publish(publications);
    }

    @Override
    public String csvEncoding(String encoding) {
        return Map.of("utf-8", "UTF8", "utf-16", "UTF-16", "latin-1", "ISO-8859-1").getOrDefault(encoding, encoding);
    }

    /** strftime ({@code %d/%m/%Y %H:%M:%S}) as Snowflake's format ({@code DD/MM/YYYY HH24:MI:SS}). */
    @Override
    public String csvDateFormat(String strftime) {
        Map<String, String> parts = Map.ofEntries(Map.entry("%Y", "YYYY"), Map.entry("%y", "YY"),
                Map.entry("%m", "MM"), Map.entry("%d", "DD"), Map.entry("%H", "HH24"), Map.entry("%I", "HH12"),
                Map.entry("%M", "MI"), Map.entry("%S", "SS"), Map.entry("%f", "FF6"), Map.entry("%p", "AM"),
                Map.entry("%b", "MON"), Map.entry("%z", "TZHTZM"), Map.entry("%%", "%"));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < strftime.length(); i++) {
            String two = i + 1 < strftime.length() ? strftime.substring(i, i + 2) : "";
            if (parts.containsKey(two)) {
                out.append(parts.get(two));
                i++;
            } else {
                out.append(strftime.charAt(i));
            }
        }
        return out.toString();
    }

    @Override
    public List<String> outputs() {
        return List.of("warehouse      " + describeTarget());
    }

    @Override
    public RunLock lockRun(Duration wait) {
        return RunLock.acquire(lockFile, wait);
    }

    /**
     * Snowflake accepts a login naming a warehouse or database that does not exist (or that the role may not use)
     * and leaves it unset; every later statement would then fail with a message about USE commands.
     */
    @Override
    public void verifySession(Warehouse warehouse, Statements statements) {
        List<Map<String, Object>> rows = warehouse.queryRows(statements.sql("setup", "session", "whoami", Map.of()), 1);
        if (rows.isEmpty()) {
            return;
        }
        String role = String.valueOf(Warehouse.value(rows.get(0), "role_name"));
        List<String> missing = new ArrayList<>();
        if (Warehouse.value(rows.get(0), "warehouse_name") == null) {
            missing.add("warehouse " + (settings.warehouse() == null ? "(none named: snowflake.warehouse)"
                    : settings.warehouse()));
        }
        if (Warehouse.value(rows.get(0), "database_name") == null) {
            missing.add("database " + (settings.database() == null ? "(none named: snowflake.database)"
                    : settings.database()));
        }
        if (!missing.isEmpty()) {
            throw SessionException.config(Location.of("pipeline.yaml"), "logged in to Snowflake as role " + role
                    + ", but the session has no " + String.join(" and no ", missing) + ": it does not exist, or the "
                    + "role may not use it", "check snowflake.warehouse / snowflake.database in pipeline.yaml, and "
                    + "grant the role USAGE on them (GRANT USAGE ON WAREHOUSE ... TO ROLE " + role + ")");
        }
    }

    /** A lock table in the meta schema: runs from other machines on the same schema wait or fail fast. */
    @Override
    public Held lockTarget(Warehouse warehouse, Statements statements, Duration wait,
                           dev.sessionplugin.core.report.Progress progress) {
        if (!warehouse.executes()) {
            return () -> { };
        }
        lease = TableLock.acquire(warehouse, statements, wait, progress);
        return lease;
    }

    /** Shadows are rebuilt by the next run; a publish cut off before COMMIT was rolled back by Snowflake. */
    @Override
    public String recover(Warehouse warehouse, Statements statements) {
        return "nothing to repair: shadows are rebuilt, and a publish is one transaction or one atomic statement";
    }

    /** {@code snowflake://USER[:XXXXXXXXXX]@account/DATABASE/SCHEMA?role=..&warehouse=..}, never a secret. */
    @Override
    public String supersetUri(SupersetSpec superset, String schema) {
        String user = credentials.user() != null ? credentials.user() : settings.user();
        StringBuilder uri = new StringBuilder("snowflake://").append(encode(user == null ? "USER" : user));
        if (credentials.hasPassword() || (!credentials.hasKeyPair() && !credentials.hasToken())) {
            uri.append(":XXXXXXXXXX");
        }
        uri.append('@').append(settings.account() == null ? "ACCOUNT" : settings.account())
                .append('/').append(encode(settings.database() == null ? "DATABASE" : settings.database()))
                .append('/').append(encode(schema.toUpperCase(Locale.ROOT)));
        List<String> query = new ArrayList<>();
        if (settings.role() != null) {
            query.add("role=" + encode(settings.role()));
        }
        if (settings.warehouse() != null) {
            query.add("warehouse=" + encode(settings.warehouse()));
        }
        return uri + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    @Override
    public String supersetColumn(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean supersetNormalizesColumns() {
        return true;
    }

    public SnowflakeSettings settings() {
        return settings;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The host name the driver could not resolve, or null. */
    static String unknownHost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException u) {
                return u.getMessage() == null ? "?" : u.getMessage().split(":")[0].trim();
            }
            Matcher m = UNKNOWN_HOST.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message == null ? "" : String.join(" ", message.lines().map(String::strip).toList());
    }
}
