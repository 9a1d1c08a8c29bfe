package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.dialect.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JDBC connection to the target that runs rendered statements. Each statement gets a fresh JDBC {@link Statement}
 * (an engine may close one whose SQL failed), is written to disk first, and a failure is translated by the
 * dialect into an error naming the statement's file.
 */
public final class JdbcWarehouse implements Warehouse {

    private final Dialect dialect;
    private volatile Connection connection;
    private volatile boolean pinned;
    private final RenderedFiles files;
    private final Retry retry;
    private volatile String lastQueryId;

    private JdbcWarehouse(Dialect dialect, Connection connection, RenderedFiles files, Retry retry) {
        this.dialect = dialect;
        this.connection = connection;
        this.files = files;
        this.retry = retry;
    }

    public static JdbcWarehouse open(Dialect dialect, RenderedFiles files, Retry retry) {
        try {
            return new JdbcWarehouse(dialect, dialect.connect(), files, retry);
        } catch (SQLException e) {
            throw dialect.translate(e, null);
        }
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public boolean executes() {
        return true;
    }

    /** Runs a statement that returns no rows; the engine's update count, or -1 when it gives none. */
    @Override
    public long update(Sql sql) {
        return run(sql, statement -> {
            boolean rows = statement.execute(sql.text());
            return rows ? -1L : statement.getLargeUpdateCount();
        });
    }

    /** Runs a query whose first column of the first row is a number. */
    @Override
    public long queryLong(Sql sql) {
        return run(sql, statement -> {
            try (ResultSet rs = statement.executeQuery(sql.text())) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Runs a query and returns up to {@code limit} rows as column-name maps, in column order. */
    @Override
    public List<Map<String, Object>> queryRows(Sql sql, int limit) {
        return run(sql, statement -> {
            statement.setMaxRows(limit);
            try (ResultSet rs = statement.executeQuery(sql.text())) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rows.size() < limit && rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        });
    }

    /** The result columns of a query (names and engine types), without reading rows. */
    @Override
    public List<Column> columns(Sql sql) {
        return run(sql, statement -> {
            statement.setMaxRows(1);
            try (ResultSet rs = statement.executeQuery(sql.text())) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                return columns;
            }
        });
    }

    /** Runs {@code work} in one transaction: all of it commits, or on any error none of it does. */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.get();
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SessionException.io(Location.of(dialect.describeTarget()), "transaction failed: "
                    + e.getMessage(), "the published tables are as they were; run again", e);
        }
    }

    @Override
    public boolean inOpenTransaction() {
        try {
            return !connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Statement statement) throws SQLException;
    }

    private <T> T run(Sql sql, Work<T> work) {
        files.write(sql);
        return retry.call(dialect, sql, () -> {
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                dialect.prepare(statement, sql);
                T result = work.run(statement);
                lastQueryId = dialect.queryId(statement);
                files.ran(sql, lastQueryId, (System.nanoTime() - start) / 1_000_000, true);
                return result;
            } catch (SQLException e) {
                files.ran(sql, dialect.queryId(e), (System.nanoTime() - start) / 1_000_000, false);
                if (dialect.sessionGone(e)) {
                    if (pinned) {
                        throw dialect.translate(e, sql); // its transaction went with it: nothing to retry in
                    }
                    reconnect();
                }
                throw e;
            }
        });
    }

    /** A new session in place of one that expired; statements outside a transaction then go on in it. */
    private void reconnect() throws SQLException {
        Connection gone = connection;
        connection = dialect.connect();
        try {
            gone.close();
        } catch (SQLException ignored) {
            // already unusable
        }
    }

    @Override
    public void pinSession(boolean pinned) {
        this.pinned = pinned;
    }

    @Override
    public Warehouse fork() {
        try {
            return new JdbcWarehouse(dialect, dialect.duplicate(connection), files, retry);
        } catch (SQLException e) {
            throw dialect.translate(e, null);
        }
    }

    @Override
    public String lastQueryId() {
        return lastQueryId;
    }

    @Override
    public RenderedFiles files() {
        return files;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the work is committed or rolled back already.
        }
    }
}
