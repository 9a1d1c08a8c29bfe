package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;

/**
 * Settings of one model from {@code pipeline.yaml}. A model needs no entry at all: its SQL file alone makes it
 * one; the entry adds checks and, optionally, how to export it to Superset.
 */
public record ModelSpec(String name, List<CheckSpec> checks, SupersetSpec.DatasetSpec superset, Location location) {

    public static ModelSpec bare(String name, Location location) {
        return new ModelSpec(name, List.of(), null, location);
    }
}
