package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;
import java.util.Map;

/**
 * Settings of one model from {@code pipeline.yaml}. A model needs no entry at all: its SQL file alone makes it
 * one; the entry adds checks and, optionally, how to export it to Superset.
 *
 * @param volatileResult {@code volatile: true}: the result depends on more than its inputs (the clock, a random
 *                       sample), so no fingerprint can prove it unchanged and every run rebuilds it
 * @param tags           words to select it by ({@code -Dsession.select=tag:daily})
 * @param materialized   how it is kept; null in an entry that does not say (its folder's default applies)
 * @param columns        column name → description, for the catalog and documentation
 * @param schema         the schema it is published in; null for the descriptor's published schema
 */
public record ModelSpec(String name, List<CheckSpec> checks, SupersetSpec.DatasetSpec superset,
                        boolean volatileResult, List<String> tags, Location location, Materialized materialized,
                        String description, Map<String, String> columns, String schema) {

    public static ModelSpec bare(String name, Location location) {
        return new ModelSpec(name, List.of(), null, false, List.of(), location, null, null, Map.of(), null);
    }

    /** How it is kept, a table unless something said otherwise. */
    public Materialized materialization() {
        return materialized == null ? Materialized.TABLE : materialized;
    }

    /** These settings under a folder's defaults: the model's own entry wins, tags add up. */
    public ModelSpec under(FolderDefaults folder) {
        List<String> allTags = new java.util.ArrayList<>(folder.tags());
        tags.stream().filter(t -> !allTags.contains(t)).forEach(allTags::add);
        return new ModelSpec(name, checks, superset, volatileResult || folder.volatileResult(), List.copyOf(allTags),
                location, materialized != null ? materialized : folder.materialized(), description, columns,
                schema != null ? schema : folder.schema());
    }

    /**
     * Defaults for every model under a folder of {@code models/} ({@code folders:} in the descriptor).
     *
     * @param path the folder under {@code models/}, e.g. {@code staging} or {@code marts/finance}
     */
    public record FolderDefaults(String path, Materialized materialized, List<String> tags, boolean volatileResult,
                                 String schema, Location location) {
    }
}
