package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Statements;

import java.util.List;
import java.util.Map;

/**
 * {@code incremental}: the shadow starts as a copy of the published table (a zero-copy clone where the engine has
 * one), the new batch ({@code {{#incremental}}} sections kept) is applied to it by the model's strategy, and the
 * whole shadow is then checked and published like any table. The published table is never written in place.
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
                try {
                    return apply(b, how, columns);
                } finally {
                    b.dropShadow(Statements.batchOf(b.model().name()));
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
        b.createShadow(b.sql("incremental_start", Map.of()), Build.Published.VIEW);
        var apply = b.sql(how.strategy().template(), Map.of("columns", b.names(columns),
                "unique_key", b.names(how.uniqueKey())));
        b.update(apply);
        if (how.strategy() == Materialized.Strategy.DELETE_INSERT) {
            b.run("incremental_append", Map.of("columns", b.names(columns)));
        }
        long rows = b.count(b.shadow());
        return new Built(rows, "-> " + Statements.shadowOf(b.model().name()) + " (incremental " + how.strategy().word()
                + (how.uniqueKey().isEmpty() ? "" : " on " + String.join(", ", how.uniqueKey())) + ": batch of "
                + batch + " row(s) on a copy of the published table)", b.warehouse().files().displayOf(apply),
                b.warehouse().lastQueryId());
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
