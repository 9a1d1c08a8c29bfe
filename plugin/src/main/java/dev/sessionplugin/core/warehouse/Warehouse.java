package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.dialect.Dialect;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the steps run statements through. {@link JdbcWarehouse} executes them; {@link DryRunWarehouse} only
 * writes them, which is how {@code session:render} shows exactly what a run would send.
 */
public interface Warehouse extends AutoCloseable {

    Dialect dialect();

    /** Whether statements really run (false for a dry run, which must not touch files either). */
    boolean executes();

    RenderedFiles files();

    /** Runs a statement that returns no rows; the engine's update count, or -1 when it gives none. */
    long update(Sql sql);

    /** Runs a query whose first column of the first row is a number. */
    long queryLong(Sql sql);

    /** Runs a query and returns up to {@code limit} rows as column-name maps, in column order. */
    List<Map<String, Object>> queryRows(Sql sql, int limit);

    /** The result columns of a query (names and engine types), without reading rows. */
    List<Column> columns(Sql sql);

    /** The engine's id of the last statement that ran, or null where the engine gives none. */
    default String lastQueryId() {
        return null;
    }

    /** Another warehouse on the same target for another thread (a dry run shares itself). */
    Warehouse fork();

    /**
     * While pinned, statements must run in the current session (an explicit transaction lives in it): a session
     * that is gone fails the statement instead of being replaced by a new one.
     */
    default void pinSession(boolean pinned) {
    }

    /** Runs {@code work} in one transaction: all of it commits, or on any error none of it does. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Whether statements run inside {@link #inTransaction}: after an error there, the engine refuses every further
     * statement until the rollback, which undoes what a clean-up would have.
     */
    default boolean inOpenTransaction() {
        return false;
    }

    @Override
    void close();

    /** A value of a result row by column name, in any case: engines differ (Snowflake answers NODE for node). */
    static Object value(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A result column. */
    record Column(String name, String type) {
    }
}
