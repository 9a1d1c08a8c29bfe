package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.dialect.Dialect;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes every statement and runs none. Queries answer as on a warehouse that already holds a previous version
 * (every table exists), so the rendered set shows the steady-state publish path.
 */
public final class DryRunWarehouse implements Warehouse {

    private final Dialect dialect;
    private final RenderedFiles files;
    private final Map<String, List<Column>> columns;

    public DryRunWarehouse(Dialect dialect, RenderedFiles files) {
        this(dialect, files, Map.of());
    }

    /** @param columns each model's columns as compiled (by model name), for statements that list them */
    public DryRunWarehouse(Dialect dialect, RenderedFiles files, Map<String, List<Column>> columns) {
        this.dialect = dialect;
        this.files = files;
        this.columns = columns;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public boolean executes() {
        return false;
    }

    @Override
    public RenderedFiles files() {
        return files;
    }

    @Override
    public long update(Sql sql) {
        files.write(sql);
        return -1;
    }

    @Override
    public long queryLong(Sql sql) {
        files.write(sql);
        return 1;
    }

    @Override
    public List<Map<String, Object>> queryRows(Sql sql, int limit) {
        files.write(sql);
        return sql.name().equals("relation_kind") ? List.of(Map.of("table_type", "BASE TABLE")) : List.of();
    }

    @Override
    public List<Column> columns(Sql sql) {
        files.write(sql);
        return columns.getOrDefault(sql.subject(), List.of());
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    @Override
    public Warehouse fork() {
        return this;
    }

    @Override
    public void close() {
    }
}
