package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.warehouse.RunLock;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run at a time per schema on a shared warehouse, from any machine: a lease row in the meta schema, claimed
 * with one atomic MERGE, kept alive by a heartbeat, and freed only by its holder. A lease whose heartbeat stopped
 * for {@link #STALE} is taken over; one left by a dead process of this very host is taken over at once. Either
 * way the dead holder's session is aborted first, so a publish it left open is rolled back, not left locking.
 */
final class TableLock implements Dialect.Held {

    static final Duration STALE = Duration.ofMinutes(10);
    static final Duration HEARTBEAT = Duration.ofMinutes(1);

    private final Warehouse warehouse;
    private final Statements st;
    private final String holder;
    private final Warehouse beat;
    private final ScheduledExecutorService heartbeat;

    private TableLock(Warehouse warehouse, Statements st, String holder, Duration every) {
        this.warehouse = warehouse;
        this.st = st;
        this.holder = holder;
        this.beat = warehouse.fork(); // its own session: JDBC connections are not shared between threads
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-run-lease");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static TableLock acquire(Warehouse warehouse, Statements st, Duration wait, Progress progress) {
        return acquire(warehouse, st, wait, progress, HEARTBEAT);
    }

    /** Claims the lease, beating {@code every} while held. */
    static TableLock acquire(Warehouse warehouse, Statements st, Duration wait, Progress progress, Duration every) {
        st.ensureSchema(warehouse, "lock", st.schemas().meta());
        warehouse.update(sql(st, "run_lock_create", Map.of()));
        String holder = RunLock.holder() + " run " + UUID.randomUUID().toString().substring(0, 8);
        Object session = sessionId(warehouse, st);
        Instant deadline = Instant.now().plus(wait);
        String takeover = null;
        while (true) {
            Map<String, Object> claim = new HashMap<>(Map.of("holder", st.dialect().literal(holder),
                    "host", st.dialect().literal(RunLock.host()), "pid", ProcessHandle.current().pid(),
                    "session_id", session == null ? "NULL" : st.dialect().literal(String.valueOf(session))));
            claim.put("takeover", takeover == null ? false : st.dialect().literal(takeover));
            if (warehouse.update(sql(st, "run_lock_claim", claim)) > 0) {
                return new TableLock(warehouse, st, holder, every);
            }
            Map<String, Object> lease = current(warehouse, st);
            String other = String.valueOf(Warehouse.value(lease, "holder"));
            long idle = number(Warehouse.value(lease, "idle_seconds"));
            boolean deadHere = RunLock.host().equals(String.valueOf(Warehouse.value(lease, "host")))
                    && ProcessHandle.of(number(Warehouse.value(lease, "pid"))).map(p -> !p.isAlive()).orElse(true);
            if (deadHere || idle >= STALE.toSeconds()) {
                progress.warn("recover the run lock of " + other + (deadHere ? ", a process of this host that is gone"
                        : ", silent for " + idle / 60 + " min") + ": its session is aborted and the lock taken over");
                abort(warehouse, st, Warehouse.value(lease, "session_id"));
                takeover = other;
                continue;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new SessionException(SessionException.Kind.WAREHOUSE, Location.of(lockName(st)),
                        "another run holds the lock on schema " + st.schemas().published() + " (" + other
                                + ", alive " + idle + " s ago)", "wait for it, or let this run wait "
                        + "(-Dsession.lock.wait=300); a run that died is taken over once silent for "
                        + STALE.toMinutes() + " min", null);
            }
            sleep();
        }
    }

    /** A query counting 1 while the lease is this run's. */
    Sql held() {
        return sql(st, "run_lock_held", Map.of("holder", st.dialect().literal(holder)));
    }

    private void beat() {
        try {
            beat.update(sql(st, "run_lock_heartbeat", Map.of("holder", st.dialect().literal(holder))));
        } catch (RuntimeException e) {
            // a missed beat: the next one may get through; STALE allows for several
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        beat.close();
        try {
            warehouse.update(sql(st, "run_lock_release", Map.of("holder", st.dialect().literal(holder))));
        } catch (SessionException e) {
            // not freed: the lease goes silent and the next run takes it over; the run's outcome stands
        }
    }

    private static Map<String, Object> current(Warehouse warehouse, Statements st) {
        List<Map<String, Object>> rows = warehouse.queryRows(sql(st, "run_lock_read", Map.of()), 1);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private static Object sessionId(Warehouse warehouse, Statements st) {
        List<Map<String, Object>> rows = warehouse.queryRows(sql(st, "session_id", Map.of()), 1);
        return rows.isEmpty() ? null : Warehouse.value(rows.get(0), "session_id");
    }

    private static void abort(Warehouse warehouse, Statements st, Object session) {
        if (session == null) {
            return;
        }
        try {
            warehouse.queryRows(sql(st, "abort_session", Map.of("session_id", number(session))), 1);
        } catch (SessionException gone) {
            // already ended (its statements finished or it timed out): nothing holds its locks any more
        }
    }

    private static Sql sql(Statements st, String template, Map<String, Object> v) {
        Map<String, Object> context = new HashMap<>(v);
        context.put("lock", lockName(st));
        return st.sql("lock", "run_lock", template, context);
    }

    private static String lockName(Statements st) {
        return st.dialect().relation(st.schemas().meta(), "run_lease");
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
