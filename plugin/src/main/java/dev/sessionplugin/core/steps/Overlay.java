package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.dialect.Dialect.BatchApply;
import dev.sessionplugin.core.materialize.Build;
import dev.sessionplugin.core.materialize.Materialization;

/** A model's shadow when it is its published rows plus a batch (an incremental overlay), as checks and publish see it. */
final class Overlay {

    private Overlay() {
    }

    /** The overlay of {@code model}'s shadow, or null when the shadow is a whole relation. */
    static BatchApply of(StepContext ctx, PlannedModel model) {
        Materialized.Kind kind = model.materialized().kind();
        if (kind != Materialized.Kind.INCREMENTAL) {
            return null;
        }
        return Materialization.of(kind).batchApply(new Build(ctx.warehouse(), ctx.statements(), model, false, null,
                null, ctx.report()));
    }
}
