package dev.sessionplugin.core.snowflake.emulator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.duckdb.DuckDBConnection;

/**
 * The state of one emulated account: data in an in-memory DuckDB, and beside it what Snowflake keeps as object
 * metadata that DuckDB does not: per table its comment, grants, kind and load metadata (all of which travel with
 * the object through SWAP, RENAME and DROP/UNDROP), stages with their URLs, file formats, roles' privileges,
 * sessions, and the table locks of open transactions.
 */
final class Account {

    /** What Snowflake keeps per table object. */
    static final class TableMeta {
        String comment;
        boolean transientTable;
        final Set<String> grants = new HashSet<>();
        final Map<String, String> loaded = new HashMap<>();
    }

    final Connection base;
    final Map<String, TableMeta> tables = new ConcurrentHashMap<>();
    final Map<String, TableMeta> dropped = new ConcurrentHashMap<>();
    final Map<String, String> stages = new ConcurrentHashMap<>();
    final Map<String, String> fileFormats = new ConcurrentHashMap<>();
    final Set<String> rolesWithoutCreateSchema = ConcurrentHashMap.newKeySet();
    final Set<String> schemaGrants = ConcurrentHashMap.newKeySet();
    final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    volatile Set<String> warehouses;
    volatile Set<String> databases;
    volatile StageStorage storage = prefix -> List.of();
    /** Internal stages ({@code CREATE STAGE} without URL) keep what PUT uploads here, a folder per stage. */
    final java.nio.file.Path internal = internalRoot();

    private static java.nio.file.Path internalRoot() {
        try {
            return java.nio.file.Files.createTempDirectory("emulator-stages");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The URL an internal stage's files are listed under. */
    static String internalUrl(String stage) {
        return "internal://" + stage + "/";
    }

    /** The stored files under a stage URL prefix: internal stages' uploads, else the configured storage. */
    List<StageStorage.StoredFile> stored(String prefix) {
        if (prefix.startsWith("internal://")) {
            return StageStorage.folder("internal://", internal).list(prefix);
        }
        return storage.list(prefix);
    }
    private final AtomicLong droppedSeq = new AtomicLong();
    private final Map<String, Object> statementLocks = new ConcurrentHashMap<>();

    Object statementLock(String relation) {
        return statementLocks.computeIfAbsent(key(relation), k -> new Object());
    }

    Account() {
        try {
            base = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
            try (Statement s = base.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("CREATE SCHEMA IF NOT EXISTS emulator_dropped");
                // DATEADD(unit, n, ts) as Snowflake writes it; the unit arrives quoted by the translation.
                s.execute("CREATE MACRO sf_dateadd(u, n, t) AS t + to_seconds(n * CASE lower(u) WHEN 'second' THEN 1 "
                        + "WHEN 'minute' THEN 60 WHEN 'hour' THEN 3600 WHEN 'day' THEN 86400 WHEN 'week' THEN 604800 "
                        + "ELSE NULL END)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Connection newConnection() throws SQLException {
        Connection c = ((DuckDBConnection) base).duplicate();
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }

    static String key(String relation) {
        return relation.replace("\"", "").toUpperCase(Locale.ROOT);
    }

    static String bare(String relation) {
        return relation.substring(relation.lastIndexOf('.') + 1);
    }

    boolean tableExists(Session s, String relation) throws SQLException {
        String k = key(relation);
        String schema = k.contains(".") ? k.substring(0, k.indexOf('.')) : "PUBLIC";
        try (var ps = s.engine.prepareStatement("SELECT COUNT(*) FROM information_schema.tables WHERE "
                + "upper(table_schema) = ? AND upper(table_name) = ?")) {
            ps.setString(1, schema);
            ps.setString(2, bare(k));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Waits for other sessions' open transactions to release {@code relations}, then holds them if in one. */
    void lock(Session s, List<String> relations) {
        long deadline = System.nanoTime() + s.lockTimeoutSeconds() * 1_000_000_000L;
        for (String relation : relations) {
            String k = key(relation);
            while (heldByOther(s, k)) {
                if (System.nanoTime() > deadline) {
                    throw SnowflakeError.lockTimeout(k);
                }
                sleep(20);
            }
            if (s.inTransaction) {
                synchronized (s.locked) {
                    s.locked.add(k);
                }
            }
        }
    }

    private boolean heldByOther(Session s, String k) {
        for (Session other : sessions.values()) {
            if (other != s && other.inTransaction) {
                synchronized (other.locked) {
                    if (other.locked.contains(k)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** SYSTEM$ABORT_SESSION: its open transaction is rolled back and its token stops working. */
    void abort(long sessionId) throws SQLException {
        Session victim = sessions.get(sessionId);
        if (victim == null) {
            throw new SnowflakeError("000605", "22000", "Identified SQL statement is not currently executing.");
        }
        victim.aborted = true;
        victim.end(false);
    }

    /** Runs engine SQL on the session's connection; rows when it returns some, else a DML count. */
    Result engine(Session s, String sql, long type) throws SQLException {
        try (Statement st = s.engine.createStatement()) {
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    return type == Result.SELECT ? rows(rs) : Result.dml(type, dmlColumn(type), firstLong(rs));
                }
            }
            long n = Math.max(0, st.getLargeUpdateCount());
            return type == Result.DDL ? Result.status("Statement executed successfully.", Result.DDL)
                    : Result.dml(type == Result.SELECT ? Result.INSERT : type, dmlColumn(type), n);
        }
    }

    private static long firstLong(ResultSet rs) throws SQLException {
        return rs.next() ? rs.getLong(1) : 0;
    }

    static String dmlColumn(long type) {
        if (type == Result.DELETE) {
            return "number of rows deleted";
        }
        if (type == Result.UPDATE) {
            return "number of rows updated";
        }
        return "number of rows inserted";
    }

    /** A result set as Snowflake sends it: upper-case labels (unquoted names) and values as text. */
    static Result rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.put(unique(columns, meta.getColumnLabel(i).toUpperCase(Locale.ROOT)), snowflakeType(meta, i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(text(rs, meta.getColumnType(i), i));
            }
            rows.add(row);
        }
        return Result.rows(columns, rows);
    }

    private static String unique(Map<String, String> columns, String label) {
        String name = label;
        for (int n = 2; columns.containsKey(name); n++) {
            name = label + "_" + n;
        }
        return name;
    }

    private static String snowflakeType(ResultSetMetaData meta, int i) throws SQLException {
        return switch (meta.getColumnType(i)) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.DECIMAL, Types.NUMERIC -> "fixed";
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> "real";
            case Types.BOOLEAN -> "boolean";
            case Types.DATE -> "date";
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> "timestamp_ntz";
            default -> meta.getColumnTypeName(i).equalsIgnoreCase("HUGEINT") ? "fixed" : "text";
        };
    }

    /** Values in the JSON result format: dates as days and timestamps as seconds since the epoch. */
    private static String text(ResultSet rs, int type, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        return switch (type) {
            case Types.DATE -> String.valueOf(rs.getDate(i).toLocalDate().toEpochDay());
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                java.time.LocalDateTime t = rs.getObject(i, java.time.LocalDateTime.class);
                java.time.Instant at = t.toInstant(java.time.ZoneOffset.UTC);
                yield at.getEpochSecond() + "." + String.format("%09d", at.getNano());
            }
            case Types.BOOLEAN -> rs.getBoolean(i) ? "1" : "0";
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(i).stripTrailingZeros().toPlainString();
            default -> String.valueOf(v);
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String droppedName() {
        return "emulator_dropped.t" + droppedSeq.incrementAndGet();
    }

    static Matcher match(String regex, String sql) {
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(sql);
        return m.matches() ? m : null;
    }
}
