package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;

/**
 * Settings of one model from {@code pipeline.yaml}. A model needs no entry at all: its SQL file alone makes it
 * one; the entry adds checks and, optionally, how to export it to Superset.
 *
 * @param volatileResult {@code volatile: true}: the result depends on more than its inputs (the clock, a random
 *                       sample), so no fingerprint can prove it unchanged and every run rebuilds it
 * @param tags           words to select it by ({@code -Dsession.select=tag:daily})
 */
public record ModelSpec(String name, List<CheckSpec> checks, SupersetSpec.DatasetSpec superset,
                        boolean volatileResult, List<String> tags, Location location) {

    public static ModelSpec bare(String name, Location location) {
        return new ModelSpec(name, List.of(), null, false, List.of(), location);
    }
}
