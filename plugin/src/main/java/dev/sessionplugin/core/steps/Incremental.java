package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.report.CheckResult;
import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides what a run may skip. A skip is a proof: a load, a model or a check is skipped only
 * when every input it reads has the fingerprint recorded at the last verified publish; whatever cannot be proven
 * unchanged (an unknown fingerprint, a volatile model, a check that reads the clock) is redone. So an incremental
 * run publishes exactly what a full run would, and fails exactly where a full run would fail.
 */
public final class Incremental {

    /**
     * What to redo, and why the rest is skipped.
     *
     * @param rebuild   models built again into their shadows
     * @param restage   sources whose staging table does not hold their current files
     * @param reads     the sources that something this run does reads
     * @param stage     the sources among {@code restage} that this run reads
     * @param verify    models not rebuilt whose checks must run again on their published tables
     * @param runChecks keys ({@link Fingerprints#checkKey}) of the checks to run
     * @param skippedChecks keys of the checks skipped, with the reason
     * @param sourceScans what each source's files hold now, and for a source whose files only grew, what to append
     * @param checkFingerprints every check's fingerprint, recorded for those that ran once the run succeeds
     */
    public record Decision(Set<String> rebuild, Set<String> restage, Set<String> reads, Set<String> stage,
                           Set<String> verify,
                           Set<String> runChecks, Set<String> customChecks, Map<String, String> skippedChecks,
                           Map<String, SourceScan> sourceScans, Map<String, String> checkFingerprints) {

        public boolean nothingToDo() {
            return rebuild.isEmpty() && runChecks.isEmpty() && stage.isEmpty();
        }

        public boolean runs(String checkKey) {
            return runChecks.contains(checkKey);
        }
    }

    private Incremental() {
    }

    public static Decision decide(StepContext ctx, List<LocalFile> local, boolean full) {
        ctx.ensureSchemas();
        Statements st = ctx.statements();
        List<LocalFile> files = st.dialect().versioned(ctx.warehouse(), st, local);
        Fingerprints recorder = new Fingerprints(ctx.warehouse(), st);
        Plan plan = ctx.plan();
        Map<String, String> recordedSources = recorder.recorded(Fingerprints.SOURCE);
        Map<String, String> recordedExtents = recorder.recorded(Fingerprints.EXTENTS);
        Map<String, String> sources = new HashMap<>();
        Map<String, SourceScan> scans = new HashMap<>();
        for (SourceSpec source : plan.sources()) {
            List<LocalFile> mine = files.stream().filter(f -> f.source().equals(source)).toList();
            SourceScan scan = SourceScan.of(source, mine, recordedExtents.get(source.name()),
                    recordedSources.get(source.name()));
            scans.put(source.name(), scan);
            sources.put(source.name(), scan.fingerprint());
        }
        Map<String, String> recordedModels = recorder.recorded(Fingerprints.MODEL);
        Map<String, String> recordedChecks = recorder.recorded(Fingerprints.CHECK);
        Map<String, String> models = Fingerprints.ofModels(plan.models(), sources, recordedModels);

        Set<String> restage = new LinkedHashSet<>();
        for (SourceSpec source : plan.sources()) {
            String now = sources.get(source.name());
            String why = full ? "full run requested" : now == null ? "version unknown"
                    : !now.equals(recordedSources.get(source.name())) ? "files changed"
                    : !exists(ctx, st.schemas().staging(), source.table()) ? "staging table missing" : null;
            if (why != null) {
                restage.add(source.name());
                SourceScan scan = scans.get(source.name());
                if (!why.equals("files changed") || !scan.appends()
                        || !exists(ctx, st.schemas().staging(), source.table())) {
                    scans.put(source.name(), scan.whole());
                }
                if (now == null && !full) {
                    ctx.report().info(String.format("stage  %-32s loaded again: the warehouse gives no version of "
                            + "its remote file(s)", source.name()));
                }
            } else {
                ctx.report().info(String.format("skip   %-32s unchanged files (fingerprint %s)", source.name(),
                        now.substring(0, 12)));
            }
        }
        Set<String> rebuild = new LinkedHashSet<>();
        for (PlannedModel model : plan.models()) {
            String now = models.get(model.name());
            String why = full ? "full run requested" : model.spec().volatileResult() ? "volatile"
                    : now == null ? "an input's version is unknown"
                    : !now.equals(recordedModels.get(model.name())) ? "changed"
                    : !exists(ctx, st.schemaOf(model.name()), model.name()) ? "published table missing" : null;
            if (why != null) {
                rebuild.add(model.name());
                if (!why.equals("changed") && !full) {
                    ctx.report().info(String.format("build  %-32s %s", model.name(), why));
                }
            } else {
                ctx.report().info(String.format("skip   %-32s unchanged since its last publish (fingerprint %s)",
                        model.name(), now.substring(0, 12)));
            }
        }

        Map<String, String> afterRun = new HashMap<>(recordedModels);
        afterRun.putAll(models);
        Map<String, String> checks = Fingerprints.ofChecks(plan, sources, afterRun, recordedModels);
        Choice choice = new Choice(checks, recordedChecks, full);
        for (SourceSpec source : plan.sources()) {
            for (CheckSpec check : source.checks()) {
                choice.decide(source.name(), check.name(), restage.contains(source.name()));
            }
        }
        Set<String> verify = new LinkedHashSet<>();
        for (PlannedModel model : plan.models()) {
            for (CheckSpec check : model.spec().checks()) {
                boolean rebuilt = rebuild.contains(model.name());
                if (choice.decide(model.name(), check.name(), rebuilt) && !rebuilt) {
                    verify.add(model.name());
                }
            }
        }
        Set<String> customChecks = new LinkedHashSet<>();
        for (CustomCheck check : plan.checks()) {
            boolean inputRebuilt = check.models().stream().anyMatch(rebuild::contains)
                    || check.sources().stream().anyMatch(restage::contains);
            if (choice.decide(check.subject(), check.name(), inputRebuilt)) {
                customChecks.add(check.name());
            }
        }
        Set<String> reads = readBy(plan, rebuild, verify, customChecks, choice.run);
        Set<String> stage = new LinkedHashSet<>(restage);
        stage.retainAll(reads);
        return new Decision(rebuild, restage, reads, stage, verify, choice.run, customChecks, choice.skipped, scans,
                checks);
    }

    /** Which checks run: those whose subject is rebuilt, and those whose inputs cannot be shown unchanged. */
    private static final class Choice {
        final Map<String, String> now;
        final Map<String, String> recorded;
        final boolean full;
        final Set<String> run = new LinkedHashSet<>();
        final Map<String, String> skipped = new LinkedHashMap<>();

        Choice(Map<String, String> now, Map<String, String> recorded, boolean full) {
            this.now = now;
            this.recorded = recorded;
            this.full = full;
        }

        boolean decide(String subject, String check, boolean subjectRebuilt) {
            String key = Fingerprints.checkKey(subject, check);
            String fingerprint = now.get(key);
            if (full || subjectRebuilt || fingerprint == null || !fingerprint.equals(recorded.get(key))) {
                run.add(key);
                return true;
            }
            skipped.put(key, "unchanged since the last publish (fingerprint " + fingerprint.substring(0, 12) + ")");
            return false;
        }
    }

    /** The sources read by what runs: rebuilt models, checks on sources, and the relations checks compare with. */
    private static Set<String> readBy(Plan plan, Set<String> rebuild, Set<String> verify, Set<String> customChecks,
                                      Set<String> runChecks) {
        Set<String> out = new LinkedHashSet<>();
        for (PlannedModel model : plan.models()) {
            if (rebuild.contains(model.name())) {
                out.addAll(model.sources());
            }
            if (rebuild.contains(model.name()) || verify.contains(model.name())) {
                for (CheckSpec check : model.spec().checks()) {
                    if (runChecks.contains(Fingerprints.checkKey(model.name(), check.name()))
                            && check.params().get("to") instanceof String to) {
                        out.add(to);
                    }
                }
            }
        }
        for (SourceSpec source : plan.sources()) {
            for (CheckSpec check : source.checks()) {
                if (runChecks.contains(Fingerprints.checkKey(source.name(), check.name()))) {
                    out.add(source.name());
                    if (check.params().get("to") instanceof String to) {
                        out.add(to);
                    }
                }
            }
        }
        plan.checks().stream().filter(c -> customChecks.contains(c.name())).forEach(c -> out.addAll(c.sources()));
        return out;
    }

    private static boolean exists(StepContext ctx, String schema, String table) {
        return ctx.warehouse().queryLong(ctx.statements().tableExists("plan", table, schema, table)) > 0;
    }

    /** The files of the sources this run must load again. */
    public static List<LocalFile> toStage(List<LocalFile> files, Decision decision) {
        List<LocalFile> out = new ArrayList<>();
        for (LocalFile file : files) {
            if (decision.stage().contains(file.source().name())) {
                out.add(file);
            }
        }
        return out;
    }

    /**
     * After a verified publish: the checks that ran passed on exactly these inputs, so a later run whose inputs
     * are the same may skip them.
     */
    public static void recordChecks(StepContext ctx, Decision decision, List<CheckResult> results) {
        Fingerprints recorder = new Fingerprints(ctx.warehouse(), ctx.statements());
        for (CheckResult result : results) {
            String key = Fingerprints.checkKey(result.subject(), result.name());
            if (decision.runs(key) && result.status() != CheckStatus.FAILED) {
                recorder.record(Fingerprints.CHECK, key, decision.checkFingerprints().get(key));
            }
        }
    }
}
