package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.graph.ModelScheduler;
import dev.sessionplugin.core.materialize.Build;
import dev.sessionplugin.core.materialize.Materialization;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds each selected model into its shadow table next to the published one, in dependency order: on up to
 * {@code threads} connections, each model as soon as the models it reads are built ({@link ModelScheduler}).
 */
public final class CtasStep {


    private CtasStep() {
    }

    public static void run(StepContext ctx) {
        ctx.ensureSchemas();
        requireStaged(ctx);
        Map<String, PlannedModel> byName = ctx.plan().models().stream()
                .collect(Collectors.toMap(PlannedModel::name, Function.identity()));
        int total = byName.size();
        AtomicInteger started = new AtomicInteger();
        Fingerprints recorder = new Fingerprints(ctx.warehouse(), ctx.statements());
        // What each shadow is built from, as the staging tables and published models hold it now; the ledger keeps
        // it with the shadow so a publish records the fingerprint of exactly what it swapped in.
        Map<String, String> fingerprints = Fingerprints.ofModels(ctx.plan().models(),
                recorder.recorded(Fingerprints.SOURCE), recorder.recorded(Fingerprints.MODEL));
        Map<String, String> definitions = ctx.plan().models().stream().anyMatch(m -> m.materialized().kind()
                .keepsHistory()) ? recorder.recorded(Fingerprints.DEFINITION) : Map.of();
        // Forgotten before any shadow changes and recorded once all are built (one statement each, not one per
        // model): a run that stops in between leaves no shadow publishable.
        ShadowLedger ledger = new ShadowLedger(ctx.warehouse(), ctx.statements());
        ledger.forget(byName.keySet());
        List<PlannedModel> order = ctx.plan().waves().stream().flatMap(List::stream).map(byName::get).toList();
        Map<String, String> built = new java.util.LinkedHashMap<>();
        ctx.plan().models().forEach(m -> built.put(m.name(), fingerprints.get(m.name())));
        Warehouse w = ctx.warehouse();
        int threads = Math.min(ctx.threads(), order.size());
        if (w.executes() && w.dialect().buildsInOneTransaction()) { // the ledger commits with the shadows
            dropLeftovers(ctx, order);
            w.inTransaction(() -> {
                order.forEach(m -> build(ctx, w, m, definitions.get(m.name()), started.incrementAndGet(), total));
                ledger.built(built);
                return null;
            });
            return;
        }
        if (threads <= 1 || !w.executes()) {
            order.forEach(m -> build(ctx, w, m, definitions.get(m.name()), started.incrementAndGet(), total));
        } else {
            ModelScheduler.run(w, order, threads, (fork, m) -> build(ctx, fork, m, definitions.get(m.name()),
                    started.incrementAndGet(), total));
        }
        ledger.built(built);
    }

    /**
     * Removes what a failed run left of these models (shadows kept for inspection, batches), found with one look-up
     * per schema: in a transaction, a statement that fails on one (a table where a view is built) cannot be
     * retried.
     */
    private static void dropLeftovers(StepContext ctx, List<PlannedModel> models) {
        Statements st = ctx.statements();
        var kinds = st.kinds(ctx.warehouse(), "ctas");
        for (PlannedModel m : models) {
            String schema = st.schemaOf(m.name());
            for (String table : List.of(Statements.shadowOf(m.name()), Statements.batchOf(m.name()))) {
                String kind = kinds.apply(schema, table);
                if (!kind.isEmpty()) {
                    boolean view = kind.contains("VIEW");
                    ctx.warehouse().update(st.dropRelation("ctas", m.name(), view ? "drop_view" : "drop_table", schema,
                            table, view));
                }
            }
        }
    }

    private static void build(StepContext ctx, Warehouse w, PlannedModel model, String publishedDefinition, int n,
                              int total) {
        Timer timer = new Timer();
        String file = w.files().displayOf(ctx.statements().ctasShadow(model.name(), model.select()));
        Build build = new Build(w, ctx.statements(), model, ctx.full(), publishedDefinition,
                Fingerprints.ofDefinition(model), ctx.report());
        try {
            Materialization.Built built = Materialization.of(model.materialized().kind()).build(build);
            file = built.statementFile();
            if (model.materialized().kind() != Materialized.Kind.VIEW) { // a view's grants are given as it is published
                for (String role : ctx.statements().dialect().readRoles()) {
                    w.update(ctx.statements().grantSelect(model.name(), role));
                }
            }
            ctx.report().step(new StepResult("ctas", model.name(), Status.OK, built.rows(), timer.millis(),
                    built.detail() + " [" + n + "/" + total + "]", file, built.queryId()));
        } catch (SessionException e) {
            ctx.report().step(new StepResult("ctas", model.name(), Status.FAILED, -1, timer.millis(), e.reason(), file));
            if (e.location() != null && model.file().display().equals(e.location().file())) {
                throw e; // already names the model file and line (e.g. a snapshot whose columns changed)
            }
            var ran = build.lastStatement();
            boolean modelSql = ran != null && (ran.text().contains(model.select())
                    || (model.batch() != null && ran.text().contains(model.batch())));
            if (e.kind() == SessionException.Kind.CONFIG && ran != null && !modelSql) { // e.g. a CLONE or MERGE
                throw new SessionException(e.kind(), Location.of(w.files().displayOf(ran)), "model '" + model.name()
                        + "' failed to build (" + model.materialized().kind().word() + "): " + e.reason(),
                        "the statement as it ran is in " + w.files().whereIs(ran) + ", from the " + w.dialect().name()
                        + " templates of this materialization; check that the engine and the role support it", e);
            }
            if (e.kind() == SessionException.Kind.DATA && modelSql // the engine's, e.g. a cast failing on a row
                    && e.getCause() instanceof java.sql.SQLException) {
                throw new SessionException(e.kind(), Location.of(model.file().display(), model.lineOf(ran.text(),
                        e.reason())), "model '" + model.name() + "' failed to build on the rows it read: "
                        + e.reason(), "a value does not fit what the SELECT does with it (a cast, a division, a "
                        + "range): fix the model's SELECT (e.g. TRY_CAST) or those rows; the statement as it ran is in "
                        + w.files().whereIs(ran), e);
            }
            if (e.kind() == SessionException.Kind.CONFIG) {
                if (ran != null) {
                    file = w.files().whereIs(ran);
                }
                throw new SessionException(e.kind(), Location.of(model.file().display(),
                        model.lineOf(ran == null ? "" : ran.text(), e.reason())), "model '" + model.name() + "' failed to "
                        + "build: " + e.reason(), "fix the model's SELECT; the statement as it ran is in " + file, e);
            }
            throw e;
        }
    }

    private static void requireStaged(StepContext ctx) {
        Statements st = ctx.statements();
        for (SourceSpec source : ctx.plan().sources()) {
            if (ctx.warehouse().queryLong(st.tableExists("ctas", source.name(), st.schemas().staging(),
                    source.table())) == 0) {
                throw SessionException.config(source.location(), "source '" + source.name() + "' is not staged ("
                        + st.sourceRelation(source) + " does not exist)", "run session:stage first, or session:test "
                        + "/ session:run, which stage before building");
            }
        }
    }
}
