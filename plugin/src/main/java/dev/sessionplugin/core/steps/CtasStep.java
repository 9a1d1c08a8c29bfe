package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.materialize.Build;
import dev.sessionplugin.core.materialize.Materialization;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds each selected model into its shadow table next to the published one, wave by wave in dependency order;
 * the models of one wave read only earlier waves, so they are built at once on up to {@code threads} connections.
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
        for (List<String> wave : ctx.plan().waves()) {
            List<PlannedModel> models = wave.stream().map(byName::get).toList();
            int threads = Math.min(ctx.threads(), models.size());
            if (threads <= 1 || !ctx.warehouse().executes()) {
                models.forEach(m -> build(ctx, ctx.warehouse(), m, definitions.get(m.name()),
                        started.incrementAndGet(), total));
            } else {
                inParallel(ctx, models, threads, started, total, definitions);
            }
        }
        Map<String, String> built = new java.util.LinkedHashMap<>();
        ctx.plan().models().forEach(m -> built.put(m.name(), fingerprints.get(m.name())));
        ledger.built(built);
    }

    private static void inParallel(StepContext ctx, List<PlannedModel> models, int threads, AtomicInteger started,
                                   int total, Map<String, String> definitions) {
        BlockingQueue<Warehouse> free = new ArrayBlockingQueue<>(threads);
        List<Warehouse> forks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                Warehouse fork = ctx.warehouse().fork();
                forks.add(fork);
                free.add(fork);
            }
            List<Future<?>> running = new ArrayList<>();
            for (PlannedModel model : models) {
                running.add(pool.submit(() -> {
                    Warehouse w = free.take();
                    try {
                        build(ctx, w, model, definitions.get(model.name()), started.incrementAndGet(), total);
                    } finally {
                        free.put(w);
                    }
                    return null;
                }));
            }
            SessionException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof SessionException s ? s
                                : new SessionException(SessionException.Kind.WAREHOUSE, null, String.valueOf(e.getCause()),
                                null, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building models", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
            forks.forEach(Warehouse::close);
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
