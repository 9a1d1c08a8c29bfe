package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.descriptor.Materialized;

/**
 * How one kind of model is built into its shadow, from the statements in {@code templates/<dialect>/materialize/}.
 * Every kind ends with a shadow that the checks read and the publish swaps in; none touches the published
 * relation. Ephemeral models have none: the planner inlines them.
 */
public interface Materialization {

    /** Builds the shadow of {@code build.model()}. */
    Built build(Build build);

    /**
     * How to publish a shadow that is a batch over the published rows rather than a whole relation (see
     * {@link dev.sessionplugin.core.dialect.Dialect#clonesTablesForFree}); null when the shadow is swapped in whole.
     */
    default dev.sessionplugin.core.dialect.Dialect.BatchApply batchApply(Build build) {
        return null;
    }

    /** What a build did, for its log line: the rows it wrote (-1: not counted) and how. */
    record Built(long rows, String detail, String statementFile, String queryId) {
    }

    static Materialization of(Materialized.Kind kind) {
        return switch (kind) {
            case TABLE -> new TableMaterialization();
            case VIEW -> new ViewMaterialization();
            case INCREMENTAL -> new IncrementalMaterialization();
            case SNAPSHOT -> new SnapshotMaterialization();
            case EPHEMERAL -> throw new IllegalArgumentException("ephemeral models are inlined, never built");
        };
    }
}
