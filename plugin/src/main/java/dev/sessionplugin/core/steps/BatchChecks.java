package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.CheckType;
import dev.sessionplugin.core.dialect.Dialect.BatchApply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which checks of an incremental overlay (published rows plus a batch) may read only the batch. A check qualifies
 * when it judges rows alone or compares them by value ({@link CheckType#batchScope}), when one failing row fails it
 * (so passing meant none), and when the published rows passed it: its recorded fingerprint is the one computed from
 * the published table's recorded fingerprint. Its failing rows are then exactly those of the whole shadow; anything
 * else runs on the whole shadow.
 */
final class BatchChecks {

    private final StepContext ctx;
    private Map<String, String> recordedModels;
    private Map<String, String> recordedChecks;

    BatchChecks(StepContext ctx) {
        this.ctx = ctx;
    }

    /** The overlay and the names of {@code checks} that may read only its batch; null when none may. */
    Scoped of(PlannedModel model, List<CheckSpec> checks) {
        if (checks.stream().noneMatch(BatchChecks::qualifies)) {
            return null;
        }
        BatchApply overlay = Overlay.of(ctx, model);
        if (overlay == null) {
            return null;
        }
        if (recordedModels == null) {
            Fingerprints recorder = new Fingerprints(ctx.warehouse(), ctx.statements());
            recordedModels = recorder.recorded(Fingerprints.MODEL);
            recordedChecks = recorder.recorded(Fingerprints.CHECK);
        }
        String published = recordedModels.get(model.name());
        Set<String> names = new LinkedHashSet<>();
        for (CheckSpec check : checks) {
            String passed = recordedChecks.get(Fingerprints.checkKey(model.name(), check.name()));
            if (qualifies(check) && published != null && passed != null
                    && passed.equals(Fingerprints.ofBuiltIn(check, published, null, Map.of(), Map.of()))) {
                names.add(check.name());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        ctx.report().info(String.format("test   %-32s %s read only the batch: the published rows passed %s at the "
                + "last publish", model.name(), String.join(", ", names), names.size() == 1 ? "it" : "them"));
        return new Scoped(overlay, names);
    }

    record Scoped(BatchApply overlay, Set<String> checks) {
    }

    private static boolean qualifies(CheckSpec check) {
        return check.refusesAnyFailingRow() && !check.params().containsKey("to")
                && CheckType.of(check.type()).map(t -> t.batchScope() != CheckType.BatchScope.WHOLE).orElse(false);
    }
}
