package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.dialect.Dialect.Publication;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the checked shadows under their live names, all in one go, and only when the ledger says every one of
 * them passed its checks after it was built. Otherwise nothing is touched.
 */
public final class PublishStep {

    private PublishStep() {
    }

    public static void run(StepContext ctx) {
        run(ctx, null);
    }

    /**
     * @param fingerprints the published models' fingerprints to record; computed from the staged sources' recorded
     *                     fingerprints when null (a swap on its own)
     */
    public static void run(StepContext ctx, Map<String, String> fingerprints) {
        ctx.ensureSchemas();
        Statements st = ctx.statements();
        ShadowLedger ledger = new ShadowLedger(ctx.warehouse(), st);
        List<String> refused = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        for (PlannedModel model : ctx.plan().models()) {
            if (!ledger.publishable(model.name())) {
                refused.add(model.name());
            }
            publications.add(new Publication(model.name(), st.schemas().published(), model.name(),
                    Statements.shadowOf(model.name())));
        }
        if (!refused.isEmpty()) {
            throw new SessionException(Kind.CHECK, Location.of(ctx.plan().project().descriptor().file()),
                    "refusing to publish " + String.join(", ", refused) + ": no shadow whose checks all passed "
                            + "since it was built", "run session:test (or session:run) first; nothing was published",
                    null);
        }
        Timer timer = new Timer();
        st.dialect().publish(ctx.warehouse(), st, publications);
        long millis = timer.millis();
        Fingerprints recorder = new Fingerprints(ctx.warehouse(), st);
        Map<String, String> models = fingerprints != null ? fingerprints : Fingerprints.ofModels(ctx.plan(),
                recorder.recorded(Fingerprints.SOURCE), recorder.recorded(Fingerprints.MODEL));
        for (Publication p : publications) {
            ledger.forget(p.model());
            if (ctx.warehouse().executes()) {
                recorder.record(Fingerprints.MODEL, p.model(), models.get(p.model()));
            }
            long rows = ctx.warehouse().queryLong(st.countRows("swap", p.model(), st.modelRelation(p.model(), false)));
            ctx.report().step(new StepResult("swap", p.model(), Status.OK, rows, millis,
                    "-> " + st.modelRelation(p.model(), false), null));
        }
    }
}
