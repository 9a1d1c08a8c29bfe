package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Statements;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code snapshot}: history of slowly changing rows (type 2). Each row of the SELECT is a current version of the
 * entity named by {@code unique_key}; the table keeps every version with {@code valid_from} and {@code valid_to}
 * (null while current). A version ends when {@code updated_at} moves forward, or when one of {@code check_cols}
 * changes (then at the run's time). The shadow starts as a copy of the published history, so a failed check
 * loses nothing, and {@code -Dsession.full=true} does not reset a history (no source could rebuild it).
 */
final class SnapshotMaterialization implements Materialization {

    static final List<String> HISTORY_COLUMNS = List.of("valid_from", "valid_to");

    @Override
    public Built build(Build b) {
        Materialized how = b.model().materialized();
        Map<String, Object> context = context(b, how);
        if (!b.warehouse().executes() || b.published() != Build.Published.TABLE) {
            var create = b.sql("snapshot_create", withSelect(context, b.model().select()));
            b.createShadow(create, Build.Published.VIEW);
            if (!b.warehouse().executes()) { // rendered: the first build above, then what a later run sends
                return history(b, context);
            }
            return new Built(b.count(b.shadow()), "-> " + Statements.shadowOf(b.model().name())
                    + " (snapshot: first versions)", b.warehouse().files().displayOf(create), b.warehouse().lastQueryId());
        }
        return history(b, context);
    }

    /** A later run: the current rows into the batch, a copy of the history, versions ended, new versions added. */
    private static Built history(Build b, Map<String, Object> context) {
        b.run("incremental_batch", Map.of("select", b.model().select()));
        try {
            var batchColumns = b.columns(b.batch());
            List<String> current = Build.shape(batchColumns);
            List<String> kept = new ArrayList<>(Build.shape(b.columns(b.live())));
            kept.removeIf(c -> HISTORY_COLUMNS.contains(c.substring(0, c.indexOf(' '))));
            if (b.warehouse().executes() && !current.equals(kept)) {
                throw SessionException.config(Location.of(b.model().file().display()), "snapshot '"
                        + b.model().name() + "' now selects " + current + " but its history holds " + kept,
                        "keep the snapshot's columns; to start a new history, drop " + b.live() + " (its history is "
                        + "lost) and run again");
            }
            List<String> columns = Build.namesOf(batchColumns).stream()
                    .filter(c -> !HISTORY_COLUMNS.contains(c.toLowerCase(Locale.ROOT))).toList();
            context.put("columns", b.names(columns));
            b.createShadow(b.sql("incremental_start", Map.of()), Build.Published.VIEW);
            long before = b.count(b.shadow());
            long closed = b.run("snapshot_close", context);
            var insert = b.sql("snapshot_insert", context);
            b.update(insert);
            long rows = b.count(b.shadow());
            return new Built(rows, "-> " + Statements.shadowOf(b.model().name()) + " (snapshot: " + (rows - before)
                    + " new version(s)" + (closed >= 0 ? ", " + closed + " closed" : "") + ")",
                    b.warehouse().files().displayOf(insert), b.warehouse().lastQueryId());
        } finally {
            b.dropShadow(Statements.batchOf(b.model().name()));
        }
    }

    private static Map<String, Object> context(Build b, Materialized how) {
        var d = b.statements().dialect();
        Map<String, Object> context = new HashMap<>();
        context.put("unique_key", b.names(how.uniqueKey()));
        context.put("check_cols", b.names(how.checkCols()));
        context.put("updated_at", how.updatedAt() == null ? false : Map.of("name", d.identifier(how.updatedAt())));
        context.put("timestamp_type", d.columnType("TIMESTAMP"));
        // One instant for the whole run, in UTC: what a version changed at when only its values say it changed.
        context.put("now", d.literal(!b.warehouse().executes() ? "<the time of the run, UTC>"
                : LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
                Locale.ROOT))));
        return context;
    }

    private static Map<String, Object> withSelect(Map<String, Object> context, String select) {
        Map<String, Object> out = new HashMap<>(context);
        out.put("select", select);
        return out;
    }
}
