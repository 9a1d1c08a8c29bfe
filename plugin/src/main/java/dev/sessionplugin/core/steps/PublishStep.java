package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.dialect.Dialect.Publication;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.report.StepResult.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the checked shadows under their live names, all in one go, and only when the ledger says every one of
 * them passed its checks after it was built. Otherwise nothing is touched.
 */
public final class PublishStep {

    private PublishStep() {
    }

    /**
     * Publishes every model of the plan. The fingerprints of the published models and their ledger entries are
     * removed first; the fingerprints are written from the ledger (what each shadow was built from) after the
     * publish, so a crash in between leaves no fingerprint claiming a table it does not describe and no shadow
     * that could be published a second time.
     */
    public static void run(StepContext ctx) {
        ctx.ensureSchemas();
        Statements st = ctx.statements();
        ShadowLedger ledger = new ShadowLedger(ctx.warehouse(), st);
        Map<String, String> passed = ledger.passed();
        List<String> refused = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (PlannedModel model : ctx.plan().models()) {
            if (!passed.containsKey(model.name())) {
                refused.add(model.name());
            }
            fingerprints.put(model.name(), passed.get(model.name()));
            List<Sql> copies = model.published() == null ? List.of() : model.sources().stream()
                    .map(source -> st.copySourceForViews(model.name(), ctx.plan().project().descriptor().sources()
                            .get(source))).toList();
            publications.add(new Publication(model.name(), st.schemaOf(model.name()), model.name(),
                    Statements.shadowOf(model.name()), model.published(), copies, Overlay.of(ctx, model)));
        }
        if (!refused.isEmpty() && ctx.warehouse().executes()) { // a render shows the publish as if all passed
            throw new SessionException(Kind.CHECK, Location.of(ctx.plan().project().descriptor().file()),
                    "refusing to publish " + String.join(", ", refused) + ": no shadow whose checks all passed "
                            + "since it was built", "run session:test (or session:run) first; nothing was published",
                    null);
        }
        Fingerprints recorder = new Fingerprints(ctx.warehouse(), st);
        recorder.forget(Fingerprints.MODEL, fingerprints.keySet());
        Map<String, String> definitions = new LinkedHashMap<>();
        ctx.plan().models().stream().filter(m -> m.materialized().kind().keepsHistory())
                .forEach(m -> definitions.put(m.name(), Fingerprints.ofDefinition(m)));
        recorder.forget(Fingerprints.DEFINITION, definitions.keySet());
        // Consumed before the publish: a publish that fails or is killed half-way can never be repeated from the
        // same shadows by a later session:swap (which would swap the models already published back).
        ledger.forget(fingerprints.keySet());
        Timer timer = new Timer();
        st.dialect().publish(ctx.warehouse(), st, publications, ctx.report());
        long millis = timer.millis();
        // What the published table was built by: a later run adds to it only while that is unchanged.
        recorder.record(Fingerprints.DEFINITION, definitions);
        recorder.record(Fingerprints.MODEL, fingerprints);
        Map<String, String> relations = new LinkedHashMap<>();
        publications.forEach(p -> relations.put(p.model(), st.modelRelation(p.model(), false)));
        Map<String, Long> rows = rowsBuiltThisRun(ctx);
        Map<String, String> uncounted = new LinkedHashMap<>(relations);
        uncounted.keySet().removeAll(rows.keySet());
        rows.putAll(st.countRowsEach(ctx.warehouse(), "swap", uncounted));
        for (Publication p : publications) {
            ctx.report().step(new StepResult("swap", p.model(), Status.OK, rows.getOrDefault(p.model(), -1L), millis,
                    "-> " + relations.get(p.model()), null));
        }
    }

    /**
     * The rows of each shadow this run built and counted: a published table holds exactly its shadow's rows, so
     * only the others (views, a session:swap of shadows built earlier) are counted after the publish.
     */
    private static Map<String, Long> rowsBuiltThisRun(StepContext ctx) {
        Map<String, Long> rows = new java.util.HashMap<>();
        for (StepResult step : ctx.report().steps()) {
            if (step.step().equals("ctas") && step.status() == Status.OK && step.rows() >= 0) {
                rows.put(step.subject(), step.rows());
            }
        }
        return rows;
    }
}
