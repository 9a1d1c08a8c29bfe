package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;
import dev.sessionplugin.core.descriptor.Severity;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.Threshold;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.CheckResult;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;
import dev.sessionplugin.core.warehouse.Warehouse.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs every check of the selected models (on their shadows), of the loaded sources (on their staging tables) and
 * the custom checks that read them. Each check's failing rows are kept in the audit schema; the ledger records
 * per model whether all its error-level checks passed.
 */
public final class CheckStep {

    static final int SAMPLE_ROWS = 5;

    private CheckStep() {
    }

    /** Runs every check of the plan; @return true when no error-level check failed */
    public static boolean run(StepContext ctx) {
        return run(ctx, key -> true);
    }

    /**
     * Runs the plan's checks whose key ({@link Fingerprints#checkKey}) {@code wanted} accepts: on the shadows of
     * the models built, on the published tables of the models only verified, on the staging tables of sources.
     *
     * @return true when no error-level check failed
     */
    public static boolean run(StepContext ctx, Predicate<String> wanted) {
        return run(ctx, wanted, false);
    }

    /**
     * @param perModel record in the ledger each model's own verdict (for a partial publish) instead of the run's:
     *                 by default one failed check anywhere makes every shadow of the run unpublishable
     */
    public static boolean run(StepContext ctx, Predicate<String> wanted, boolean perModel) {
        Plan plan = ctx.plan();
        Statements st = ctx.statements();
        Set<String> inRun = new HashSet<>(plan.modelNames());
        Set<String> failedModels = new HashSet<>();
        boolean ok = true;
        for (SourceSpec source : plan.sources()) {
            for (CheckSpec check : source.checks()) {
                if (wanted.test(Fingerprints.checkKey(source.name(), check.name()))) {
                    ok &= builtIn(ctx, source.name(), st.sourceRelation(source), check, inRun);
                }
            }
        }
        List<PlannedModel> subjects = new ArrayList<>(plan.models());
        subjects.addAll(plan.verified());
        BatchChecks batchChecks = new BatchChecks(ctx);
        for (PlannedModel model : subjects) {
            String relation = st.modelRelation(model.name(), inRun.contains(model.name()));
            List<CheckSpec> checks = model.spec().checks().stream()
                    .filter(c -> wanted.test(Fingerprints.checkKey(model.name(), c.name()))).toList();
            List<Column> columns = checks.isEmpty() ? List.of()
                    : ctx.warehouse().columns(st.describe("test", model.name(), relation));
            BatchChecks.Scoped scoped = inRun.contains(model.name()) && ctx.warehouse().executes()
                    ? batchChecks.of(model, checks) : null;
            for (CheckSpec check : checks) {
                requireColumns(model, check, columns);
                boolean passed = scoped != null && scoped.checks().contains(check.name())
                        ? execute(ctx, model.name(), check, st.checkBatch(model.name(), check, scoped.overlay().kept(),
                        scoped.overlay().batch(), columns.stream().map(Column::name).toList()))
                        : builtIn(ctx, model.name(), relation, check, inRun);
                if (!passed) {
                    failedModels.add(model.name());
                    ok = false;
                }
            }
        }
        for (CustomCheck check : plan.checks()) {
            CheckSpec spec = new CheckSpec(check.name(), CheckSpec.CUSTOM, List.of(), Map.of(), Severity.ERROR,
                    Threshold.ANY, Threshold.ANY, Location.of(check.file().display()));
            Sql query = new Sql("test", check.subject(), check.name(), check.sql());
            if (!execute(ctx, check.subject(), spec, query)) {
                failedModels.addAll(check.models());
                ok = false;
            }
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (PlannedModel model : plan.models()) {
            ((ok || perModel) && !failedModels.contains(model.name()) ? passed : failed).add(model.name());
        }
        ShadowLedger ledger = new ShadowLedger(ctx.warehouse(), st);
        ledger.checked(failed, false);
        ledger.checked(passed, true);
        return ok;
    }

    /** Marks shadows as not publishable (e.g. downstream of a failed check), whatever their own checks said. */
    public static void refuse(StepContext ctx, java.util.Collection<String> models) {
        new ShadowLedger(ctx.warehouse(), ctx.statements()).checked(models, false);
    }

    private static boolean builtIn(StepContext ctx, String subject, String relation, CheckSpec check,
                                   Set<String> inRun) {
        Statements st = ctx.statements();
        String target = null;
        if (check.params().get("to") instanceof String to) {
            SourceSpec source = ctx.plan().project().descriptor().sources().get(to);
            if (source != null) {
                target = st.sourceRelation(source);
            } else if (ctx.plan().project().models().containsKey(to)) {
                target = st.modelRelation(to, inRun.contains(to));
            } else {
                throw SessionException.config(check.location(), "check '" + check.name() + "' points 'to' unknown '"
                        + to + "'", "name a model or a source");
            }
        } else if (check.params().containsKey("within_percent")) {
            String published = st.modelRelation(subject, false);
            boolean live = ctx.warehouse().queryLong(st.tableExists("test", subject,
                    st.schemaOf(subject), subject)) > 0;
            target = live ? published : null;
        }
        return execute(ctx, subject, check, st.check(subject, relation, check, target));
    }

    /** Keeps the failing rows, counts them, judges the count; true unless an error-level check failed. */
    private static boolean execute(StepContext ctx, String subject, CheckSpec check, Sql query) {
        Warehouse w = ctx.warehouse();
        Statements st = ctx.statements();
        Timer timer = new Timer();
        Sql keep = st.keepFailures(subject, check.name(), query.text());
        w.files().document(query);
        w.update(keep);
        String audit = st.dialect().relation(st.schemas().audit(), subject + "__" + check.name());
        long failing = w.queryLong(st.countRows("test", subject, audit).named(check.name() + ".count"));
        List<Map<String, Object>> sample = failing == 0 ? List.of()
                : w.queryRows(st.sql("test", subject, "sample_rows", Map.of("relation", audit, "limit", SAMPLE_ROWS))
                        .named(check.name() + ".sample"), SAMPLE_ROWS);
        if (!w.executes()) {
            ctx.report().rendered(subject, check.name());
            return true; // nothing ran, so there is no verdict to report
        }
        CheckStatus status = check.judge(failing);
        ctx.report().check(new CheckResult(subject, check.name(), check.type(), check.severity(), status, failing,
                sample, audit, timer.millis(), w.files().displayOf(query)));
        return status != CheckStatus.FAILED;
    }

    private static void requireColumns(PlannedModel model, CheckSpec check, List<Column> columns) {
        if (columns.isEmpty()) {
            return; // a dry run knows no columns
        }
        for (String wanted : check.columns()) {
            if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(wanted))) {
                throw SessionException.config(check.location(), "check '" + check.name() + "' of model '"
                        + model.name() + "' names unknown column '" + wanted + "'", "columns of " + model.name()
                        + ": " + String.join(", ", columns.stream().map(Column::name).toList()));
            }
        }
    }
}
