package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.dialect.Dialect.Publication;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.warehouse.AmbiguousOutcome;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishing on Snowflake, where DDL commits on its own. Every model whose live table exists with the shadow's
 * columns is published with {@code INSERT OVERWRITE} inside one transaction (DML): all of them switch at COMMIT,
 * or none does, whatever fails or is killed. Before COMMIT it re-reads that the run still holds its lock, and
 * it records the publish id, which settles a COMMIT whose answer was lost. What DML cannot do comes after the
 * commit, each atomic on its own and said in the log: a first publish RENAMEs its shadow, a model whose columns
 * changed SWAPs with it (the shadow is tagged first, so a SWAP whose answer was lost is never sent twice).
 */
final class SnowflakePublish {

    private final Warehouse warehouse;
    private final Statements st;
    private final TableLock lease;
    private final Progress progress;
    private final String id;

    SnowflakePublish(Warehouse warehouse, Statements st, TableLock lease, Progress progress) {
        this.warehouse = warehouse;
        this.st = st;
        this.lease = lease;
        this.progress = progress;
        this.id = "session-run " + (warehouse.executes() ? UUID.randomUUID() : "<id of the run>");
    }

    void publish(List<Publication> publications) {
        List<Publication> overwrite = new ArrayList<>();
        List<Publication> swap = new ArrayList<>();
        List<Publication> first = new ArrayList<>();
        List<Publication> views = new ArrayList<>();
        var kinds = st.kinds(warehouse, "swap");
        for (Publication p : publications) {
            if (p.isView()) {
                views.add(p);
                continue;
            }
            String kind = warehouse.executes() ? kinds.apply(p.schema(), p.live()) : "BASE TABLE";
            boolean live = !kind.isEmpty();
            if (kind.contains("VIEW")) {
                // a view becomes a table: no DML can do that, so it is a first publish after the view goes
                warehouse.update(st.dropRelation("swap", p.model(), "drop_live_view", p.schema(), p.live(), true));
                live = false;
            }
            if (!warehouse.executes()) { // rendered: the steady state, then what a change of columns and a first
                overwrite.add(p);       // publish send instead
                swap.add(p);
                first.add(p);
            } else if (!live) {
                first.add(p);
            } else if (sameColumns(p)) {
                overwrite.add(p);
            } else {
                swap.add(p);
            }
        }
        if (!overwrite.isEmpty()) {
            inOneTransaction(overwrite);
        }
        if (publications.size() > 1 && (!swap.isEmpty() || (!first.isEmpty() && warehouse.executes()))) {
            progress.warn("publish " + describe(swap, first) + " on its own after the others (DDL cannot share a "
                    + "transaction): readers may see it change a moment apart from them");
        }
        for (Publication p : swap) {
            tag(p);
            exchange(p, st.swap(p.model(), p.schema(), p.live(), p.shadow()), p.live());
        }
        for (Publication p : first) {
            tag(p);
            exchange(p, st.rename("swap", p.model(), "first_publish", p.schema(), p.shadow(), p.live()), p.live());
        }
        for (Publication p : overwrite) {
            warehouse.update(st.dropTable("swap", p.model(), "drop_shadow", p.schema(), p.shadow()));
        }
        for (Publication p : swap) {
            warehouse.update(st.dropTable("swap", p.model(), "drop_previous", p.schema(), p.shadow()));
        }
        publishViews(views);
    }

    /**
     * Views last, over the tables just published: each CREATE OR REPLACE VIEW is atomic on its own (the grants of
     * the view it replaces are kept). A table that becomes a view is dropped first.
     */
    private void publishViews(List<Publication> views) {
        if (!views.isEmpty()) {
            progress.info("publish view(s) " + String.join(", ", views.stream().map(Publication::model).toList())
                    + " after the tables, each on its own");
        }
        var kinds = st.kinds(warehouse, "swap");
        java.util.Set<String> copied = new java.util.HashSet<>();
        for (Publication p : views) {
            String kind = warehouse.executes() ? kinds.apply(p.schema(), p.live())
                    : "VIEW"; // rendered: replacing the live view
            if (!kind.isEmpty() && !kind.contains("VIEW")) {
                warehouse.update(st.dropTable("swap", p.model(), "drop_live_table", p.schema(), p.live()));
            }
            p.copySources(warehouse, copied);
            warehouse.update(st.createView(p.model(), p.schema(), p.live(), p.view()));
            for (String role : st.dialect().readRoles()) {
                warehouse.update(st.sql("swap", p.model(), "grant_select_view", Map.of("table",
                        st.dialect().relation(p.schema(), p.live()), "role", st.dialect().identifier(role)))
                        .named("grant." + role));
            }
            warehouse.update(st.dropRelation("swap", p.model(), "drop_shadow", p.schema(), p.shadow(), true));
        }
    }

    private void inOneTransaction(List<Publication> overwrite) {
        String models = String.join(",", overwrite.stream().map(Publication::model).toList());
        warehouse.update(log("publish_log_create", models));
        warehouse.update(sql("publish_begin", Map.of()));
        warehouse.pinSession(true);
        try {
            for (Publication p : overwrite) {
                warehouse.update(st.sql("swap", p.model(), "insert_overwrite", Map.of(
                        "live", st.dialect().relation(p.schema(), p.live()),
                        "shadow", st.dialect().relation(p.schema(), p.shadow()))));
            }
            if (lease != null && warehouse.queryLong(lease.held()) == 0) {
                throw new SessionException(Kind.WAREHOUSE, Location.of(st.schemas().meta() + ".run_lease"),
                        "this run's lock was taken over while it ran (it was silent too long and presumed dead)",
                        "nothing was published; run again", null);
            }
            warehouse.update(log("publish_log_write", models));
        } catch (RuntimeException e) {
            rollback();
            warehouse.pinSession(false);
            throw new SessionException(e instanceof SessionException s ? s.kind() : Kind.WAREHOUSE,
                    e instanceof SessionException s ? s.location() : Location.of(st.schemas().published()),
                    "publishing " + models + " failed, none of them was published: " + message(e),
                    e instanceof SessionException s ? s.hint() : null, e);
        }
        try {
            warehouse.update(sql("publish_commit", Map.of()).once());
        } catch (AmbiguousOutcome lost) {
            warehouse.pinSession(false);
            if (!committed(models)) {
                rollback();
                throw new SessionException(Kind.WAREHOUSE, Location.of(st.schemas().published()), "the answer to "
                        + "COMMIT was lost and the publish is not recorded: none of " + models + " was published",
                        "run again", lost);
            }
        } finally {
            warehouse.pinSession(false);
        }
    }

    /** Asked from another session: this one would see its own uncommitted record. */
    private boolean committed(String models) {
        try (Warehouse other = warehouse.fork()) {
            return other.queryLong(log("publish_log_find", models)) > 0;
        }
    }

    private void rollback() {
        try {
            warehouse.update(sql("publish_rollback", Map.of()));
        } catch (SessionException ignored) {
            // the session is gone: Snowflake rolls back its open transaction when it ends
        }
    }

    /** Whether the live table has the shadow's columns (names and types, in order), so DML can replace its rows. */
    private boolean sameColumns(Publication p) {
        return warehouse.columns(st.describe("swap", p.model(), st.dialect().relation(p.schema(), p.live())))
                .equals(warehouse.columns(st.describe("swap", p.model(), st.dialect().relation(p.schema(),
                        p.shadow()))));
    }

    private void tag(Publication p) {
        warehouse.update(st.sql("swap", p.model(), "tag_shadow", Map.of("table",
                st.dialect().relation(p.schema(), p.shadow()), "tag", st.dialect().literal(id))));
    }

    /** Runs a SWAP or RENAME once; when its answer is lost, the tag under {@code tagged} shows whether it ran. */
    private void exchange(Publication p, Sql statement, String tagged) {
        try {
            warehouse.update(statement.once());
        } catch (AmbiguousOutcome lost) {
            if (!id.equals(commentOf(p, tagged))) {
                warehouse.update(statement.once());
            }
        }
    }

    private String commentOf(Publication p, String table) {
        List<Map<String, Object>> rows = warehouse.queryRows(st.sql("swap", p.model(), "table_comment",
                Map.of("schema_name", st.dialect().literal(p.schema()), "table_name", st.dialect().literal(table)))
                .named("where_is_" + table), 1);
        Object comment = rows.isEmpty() ? null : Warehouse.value(rows.get(0), "comment");
        return comment == null ? null : String.valueOf(comment);
    }

    private Sql log(String template, String models) {
        return sql(template, Map.of("publishes", st.dialect().relation(st.schemas().meta(), "publishes"),
                "publish_id", st.dialect().literal(id), "models", st.dialect().literal(models)));
    }

    private Sql sql(String template, Map<String, Object> context) {
        return st.sql("swap", "publish", template, context);
    }

    private static String describe(List<Publication> swap, List<Publication> first) {
        List<String> parts = new ArrayList<>();
        swap.forEach(p -> parts.add(p.model() + " (its columns changed)"));
        first.forEach(p -> parts.add(p.model() + " (first publish)"));
        return String.join(", ", parts);
    }

    private static String message(RuntimeException e) {
        return e instanceof SessionException s ? s.reason() : String.valueOf(e.getMessage());
    }
}
