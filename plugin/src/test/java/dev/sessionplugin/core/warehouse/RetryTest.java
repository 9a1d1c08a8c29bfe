package dev.sessionplugin.core.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.dialect.DuckDbDialect;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Only errors the dialect calls transient are retried, a bounded number of times, each retry logged. */
class RetryTest {

    final DuckDbDialect duckdb = new DuckDbDialect(Path.of("w.duckdb"), Path.of("s.duckdb"));
    final Sql sql = new Sql("ctas", "m", "ctas_shadow", "CREATE TABLE x AS SELECT 1");
    final List<String> log = new ArrayList<>();
    final Retry retry = new Retry(4, 1, log::add);

    static SQLException conflict() {
        return new SQLException("TransactionContext Error: Catalog write-write conflict on alter with \"x\"");
    }

    @Test
    void transientErrorsAreRetriedWithBackoffAndLogged() {
        AtomicInteger calls = new AtomicInteger();
        long result = retry.call(duckdb, sql, () -> {
            if (calls.incrementAndGet() < 3) {
                throw conflict();
            }
            return 42L;
        });
        assertEquals(42L, result);
        assertEquals(3, calls.get());
        assertEquals(2, log.size());
        assertTrue(log.get(0).startsWith("retry 1/3 of ctas/m.ctas_shadow.sql in "), log.get(0));
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        SessionException e = assertThrows(SessionException.class, () -> retry.call(duckdb, sql, () -> {
            calls.incrementAndGet();
            throw conflict();
        }));
        assertEquals(4, calls.get());
        assertTrue(e.getMessage().contains("write-write conflict"), e.getMessage());
    }

    @Test
    void sqlErrorsAreNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        SessionException e = assertThrows(SessionException.class, () -> retry.call(duckdb, sql, () -> {
            calls.incrementAndGet();
            throw new SQLException("Binder Error: Referenced column \"nope\" not found");
        }));
        assertEquals(1, calls.get());
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertEquals(List.of(), log);
    }
}
