package dev.sessionplugin.core.descriptor;

import java.nio.file.Path;

/** A user's SQL template: a model under {@code models/} or a custom check under {@code checks/}. */
public record SqlFile(String name, Path path, String display) {

    public static final String SUFFIX = ".sql.mustache";
}
