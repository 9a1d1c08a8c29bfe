package dev.sessionplugin.core;

import java.nio.file.Path;

/**
 * Everything a run needs to know, built by the Maven adapter from parameters and properties.
 *
 * @param descriptor      the descriptor file, relative to {@code projectDir} unless absolute
 * @param buildDir        where outputs go ({@code target/})
 * @param target          overrides the descriptor's target when not null
 * @param select          the model selection, empty for all
 * @param sourcesOverride a folder (or URI prefix) to read the source files from instead of their {@code uri}
 * @param exclude         models to leave out of the selection (same forms as {@code select})
 * @param mode            published-only checks, partial publish, environment
 */
public record RunRequest(Goal goal, Path projectDir, Path descriptor, Path buildDir, String target, String select,
                         String sourcesOverride, String pluginVersion, RunOptions options, String exclude,
                         RunMode mode) {

    public RunRequest(Goal goal, Path projectDir, Path descriptor, Path buildDir, String target, String select,
                      String sourcesOverride, String pluginVersion, RunOptions options) {
        this(goal, projectDir, descriptor, buildDir, target, select, sourcesOverride, pluginVersion, options, null,
                RunMode.DEFAULT);
    }

    public RunRequest withMode(RunMode other) {
        return new RunRequest(goal, projectDir, descriptor, buildDir, target, select, sourcesOverride, pluginVersion,
                options, exclude, other);
    }
}
