package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Dialect;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Sql;

import java.util.List;
import java.util.Map;

/**
 * {@code incremental}: the new batch ({@code {{#incremental}}} sections kept) is applied by the model's strategy to
 * a shadow that starts as the published rows: a zero-copy clone where the engine has one (then swapped in like any
 * table), else a view of the published rows with the batch applied, whose batch the publish applies to the table
 * in its transaction. Either way the whole result is checked before anything is published.
 *
 * <p>Anything that would make the result differ from a full rebuild is rebuilt in full instead, and the log says
 * why: no published table, {@code -Dsession.full=true}, a definition (SQL, batch SQL, strategy, key) other than the
 * one published, or a batch whose columns differ from the published table's.
 */
final class IncrementalMaterialization implements Materialization {

    @Override
    public Built build(Build b) {
        if (!b.warehouse().executes()) { // rendered: what a run adding to the published table sends, then a full build
            apply(b, b.model().materialized(), Build.namesOf(b.columns(b.live())));
            b.dropShadow(Statements.batchOf(b.model().name()));
            return TableMaterialization.ctas(b, b.model().select(), " (rendered both: a batch applied to a copy, "
                    + "and the full build)");
        }
        String why = reasonForFullBuild(b);
        if (why == null) {
            Materialized how = b.model().materialized();
            b.run("incremental_batch", Map.of("select", b.model().batch()));
            var batchColumns = b.columns(b.batch());
            List<String> columns = Build.namesOf(batchColumns);
            if (!Build.shape(batchColumns).equals(Build.shape(b.columns(b.live())))) {
                why = "the batch's columns differ from the published table's";
            } else {
                boolean applied = false;
                try {
                    Built built = apply(b, how, columns);
                    applied = true;
                    return built;
                } finally { // an overlay's batch stays for the publish; a clone has taken it in already
                    if (applied ? b.statements().dialect().clonesTablesForFree() : !b.warehouse().inOpenTransaction()) {
                        b.dropShadow(Statements.batchOf(b.model().name()));
                    }
                }
            }
            b.dropShadow(Statements.batchOf(b.model().name()));
        }
        return TableMaterialization.ctas(b, b.model().select(), " (full build: " + why + ")");
    }

    private static Built apply(Build b, Materialized how, List<String> columns) {
        if (!b.warehouse().executes()) {
            b.run("incremental_batch", Map.of("select", b.model().batch()));
        }
        long batch = b.count(b.batch());
        if (!b.statements().dialect().clonesTablesForFree()) {
            return overlay(b, how, columns, batch);
        }
        b.createShadow(b.sql("incremental_start", Map.of()), Build.Published.VIEW);
        var apply = b.sql(how.strategy().template(), Map.of("columns", b.names(columns),
                "unique_key", b.names(how.uniqueKey())));
        b.update(apply);
        if (how.strategy() == Materialized.Strategy.DELETE_INSERT) {
            b.run("incremental_append", Map.of("columns", b.names(columns)));
        }
        long rows = b.count(b.shadow());
        return new Built(rows, "-> " + Statements.shadowOf(b.model().name()) + " (incremental " + describe(how)
                + ": batch of " + batch + " row(s) on a copy of the published table)",
                b.warehouse().files().displayOf(apply), b.warehouse().lastQueryId());
    }

    /**
     * The shadow as a view of the published rows with the batch applied; the batch table stays until the publish
     * applies it ({@link #batchApply}). Nothing of the published table is copied.
     */
    private static Built overlay(Build b, Materialized how, List<String> columns, long batch) {
        if (how.strategy() == Materialized.Strategy.MERGE && b.warehouse().executes()
                && b.warehouse().queryLong(b.sql("incremental_merge_guard", keys(b, how))) > 0) {
            throw new SessionException(SessionException.Kind.DATA, null, "model '" + b.model().name() + "': the "
                    + "batch holds a published key (" + String.join(", ", how.uniqueKey()) + ") more than once, and "
                    + "a merge cannot update one row from two", "make the model's SELECT return one row per key "
                    + "(e.g. keep the latest with row_number()), or use strategy delete+insert; nothing was published",
                    null);
        }
        Map<String, Object> values = new java.util.HashMap<>(keys(b, how));
        values.put("columns", b.names(columns));
        values.put("kept", kept(b, how));
        var view = b.sql("incremental_overlay", values);
        b.createShadow(view, Build.Published.TABLE);
        long rows = b.count(b.shadow());
        return new Built(rows, "-> " + Statements.shadowOf(b.model().name()) + " (incremental " + describe(how)
                + ": batch of " + batch + " row(s) over the published table, applied to it at publish)",
                b.warehouse().files().displayOf(view), b.warehouse().lastQueryId());
    }

    /** The published rows the batch leaves as they are: all of them for append, else those whose key it lacks. */
    static String kept(Build b, Materialized how) {
        return how.uniqueKey().isEmpty() || how.strategy() == Materialized.Strategy.APPEND ? b.live()
                : b.sql("incremental_kept", keys(b, how)).text().strip();
    }

    private static Map<String, Object> keys(Build b, Materialized how) {
        return Map.of("unique_key", b.names(how.uniqueKey()));
    }

    private static String describe(Materialized how) {
        return how.strategy().word() + (how.uniqueKey().isEmpty() ? "" : " on " + String.join(", ", how.uniqueKey()));
    }

    /**
     * How to publish an overlay shadow: the model's strategy applied to a table holding the published rows, then
     * the batch dropped. Null when the shadow is not an overlay (a copy or a full build, swapped in whole).
     */
    @Override
    public Dialect.BatchApply batchApply(Build b) {
        if (b.statements().dialect().clonesTablesForFree() || b.shadowKind() != Build.Published.VIEW) {
            return null;
        }
        Materialized how = b.model().materialized();
        List<String> columns = Build.namesOf(b.columns(b.batch()));
        return new Dialect.BatchApply() {
            @Override
            public List<Sql> to(String table) {
                Map<String, Object> values = new java.util.HashMap<>(keys(b, how));
                values.put("columns", b.names(columns));
                values.put("shadow", table);
                List<Sql> out = new java.util.ArrayList<>();
                out.add(b.sql("swap", how.strategy().template(), values).named("apply_batch"));
                if (how.strategy() == Materialized.Strategy.DELETE_INSERT) {
                    out.add(b.sql("swap", "incremental_append", values).named("apply_batch_rows"));
                }
                return out;
            }

            @Override
            public String batch() {
                return b.batch();
            }

            @Override
            public String kept() {
                return IncrementalMaterialization.kept(b, how);
            }

            @Override
            public Sql dropBatch() {
                return b.statements().dropRelation("swap", b.model().name(), "drop_batch",
                        b.statements().schemaOf(b.model().name()), Statements.batchOf(b.model().name()), false);
            }
        };
    }

    /** Why the shadow must be built from nothing, or null when the batch may be applied to the published rows. */
    private static String reasonForFullBuild(Build b) {
        if (b.full()) {
            return "-Dsession.full=true";
        }
        Build.Published published = b.published();
        if (published == Build.Published.NONE) {
            return "first build";
        }
        if (published == Build.Published.VIEW) {
            return "the published relation is a view";
        }
        if (b.publishedDefinition() == null || !b.publishedDefinition().equals(b.definition())) {
            return "the model's SQL or settings changed since the last publish";
        }
        return null;
    }
}
