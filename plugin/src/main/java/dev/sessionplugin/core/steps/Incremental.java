package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.LocalFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a run must redo: a model whose fingerprint differs from the one recorded at its last publish (its
 * SQL or anything upstream changed), or whose published table is missing; a source whose files changed or whose
 * staging table is missing. Everything else is skipped, and the log says why.
 */
public final class Incremental {

    /** What to redo, with the fingerprints to record once it is done. */
    public record Decision(Set<String> rebuild, Set<String> restage, Map<String, String> sourceFingerprints,
                           Map<String, String> modelFingerprints) {
    }

    private Incremental() {
    }

    public static Decision decide(StepContext ctx, List<LocalFile> files, boolean full) {
        ctx.ensureSchemas();
        Statements st = ctx.statements();
        Fingerprints fingerprints = new Fingerprints(ctx.warehouse(), st);
        Plan plan = ctx.plan();
        Map<String, String> sources = new LinkedHashMap<>();
        for (SourceSpec source : plan.sources()) {
            List<LocalFile> mine = files.stream().filter(f -> f.source().equals(source)).toList();
            sources.put(source.name(), Fingerprints.ofSource(source, mine));
        }
        Map<String, String> recordedSources = fingerprints.recorded(Fingerprints.SOURCE);
        Map<String, String> recordedModels = fingerprints.recorded(Fingerprints.MODEL);
        Map<String, String> models = Fingerprints.ofModels(plan, sources, recordedModels);

        Set<String> restage = new LinkedHashSet<>();
        for (SourceSpec source : plan.sources()) {
            String now = sources.get(source.name());
            String why = full ? "full run requested" : now == null ? "read remotely, reloaded every run"
                    : !now.equals(recordedSources.get(source.name())) ? "files changed"
                    : !exists(ctx, st.schemas().staging(), source.table()) ? "staging table missing" : null;
            if (why != null) {
                restage.add(source.name());
            } else {
                ctx.report().info(String.format("skip   %-32s unchanged files (fingerprint %s)", source.name(),
                        now.substring(0, 12)));
            }
        }
        Set<String> rebuild = new LinkedHashSet<>();
        for (PlannedModel model : plan.models()) {
            String now = models.get(model.name());
            boolean changed = full || !now.equals(recordedModels.get(model.name()))
                    || !exists(ctx, st.schemas().published(), model.name());
            if (changed) {
                rebuild.add(model.name());
            } else {
                ctx.report().info(String.format("skip   %-32s unchanged since its last publish (fingerprint %s)",
                        model.name(), now.substring(0, 12)));
            }
        }
        return new Decision(rebuild, restage, sources, models);
    }

    private static boolean exists(StepContext ctx, String schema, String table) {
        return ctx.warehouse().queryLong(ctx.statements().tableExists("plan", table, schema, table)) > 0;
    }

    /** The files of the sources that must be loaded again and that the rebuilt models read. */
    public static List<LocalFile> toStage(List<LocalFile> files, Decision decision, Plan rebuilt) {
        List<LocalFile> out = new ArrayList<>();
        for (LocalFile file : files) {
            if (decision.restage().contains(file.source().name()) && rebuilt.sources().contains(file.source())) {
                out.add(file);
            }
        }
        return out;
    }
}
