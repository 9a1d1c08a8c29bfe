package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.warehouse.RunLock;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run at a time per schema on a shared warehouse, from any machine: a lock table that only one CREATE TABLE
 * can make, holding who runs. It is dropped at the end; one left by a killed run expires after {@link #STALE}.
 */
final class TableLock implements Dialect.Held {

    static final Duration STALE = Duration.ofHours(12);
    private static final int ALREADY_EXISTS = 2002;

    private final Warehouse warehouse;
    private final Statements st;

    private TableLock(Warehouse warehouse, Statements st) {
        this.warehouse = warehouse;
        this.st = st;
    }

    static TableLock acquire(Warehouse warehouse, Statements st, Duration wait, Progress progress) {
        st.ensureSchema(warehouse, "lock", st.schemas().meta());
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            try {
                warehouse.update(sql(st, "run_lock_create", Map.of()));
                warehouse.update(sql(st, "run_lock_claim", Map.of("holder",
                        st.dialect().literal(RunLock.holder()))));
                return new TableLock(warehouse, st);
            } catch (SessionException e) {
                if (!alreadyExists(e)) {
                    throw e;
                }
            }
            List<Map<String, Object>> rows = warehouse.queryRows(sql(st, "run_lock_read", Map.of()), 1);
            String holder = rows.isEmpty() ? "holder unknown" : String.valueOf(Warehouse.value(rows.get(0), "holder"));
            long age = rows.isEmpty() ? 0 : number(Warehouse.value(rows.get(0), "age_minutes"));
            if (age >= STALE.toMinutes()) {
                progress.warn("recover a run lock " + age + " minutes old is stale (" + holder + "): released");
                warehouse.update(sql(st, "run_lock_release", Map.of()));
                continue;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new SessionException(SessionException.Kind.WAREHOUSE, Location.of(lockName(st)),
                        "another run holds the lock on schema " + st.schemas().published() + " (" + holder + ")",
                        "wait for it, let this run wait (-Dsession.lock.wait=300), or if that run is gone: DROP TABLE "
                                + lockName(st) + " (locks expire after " + STALE.toHours() + " h)", null);
            }
            sleep();
        }
    }

    @Override
    public void close() {
        warehouse.update(sql(st, "run_lock_release", Map.of()));
    }

    private static boolean alreadyExists(SessionException e) {
        return e.getCause() instanceof SQLException sql && sql.getErrorCode() == ALREADY_EXISTS;
    }

    private static dev.sessionplugin.core.warehouse.Sql sql(Statements st, String template, Map<String, Object> v) {
        Map<String, Object> context = new java.util.HashMap<>(v);
        context.put("lock", lockName(st));
        return st.sql("lock", "run_lock", template, context);
    }

    private static String lockName(Statements st) {
        return st.dialect().relation(st.schemas().meta(), "run_lock");
    }

    private static long number(Object v) {
        try {
            return v == null ? 0 : Long.parseLong(String.valueOf(v).replaceAll("\\.0+$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run lock", e);
        }
    }
}
