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

    public DryRunWarehouse(Dialect dialect, RenderedFiles files) {
        this.dialect = dialect;
        this.files = files;
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
        return List.of();
    }

    @Override
    public List<Column> columns(Sql sql) {
        files.write(sql);
        return List.of();
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
