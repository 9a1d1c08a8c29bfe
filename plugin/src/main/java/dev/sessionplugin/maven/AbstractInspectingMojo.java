package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

/** Goals that look at a project or its target without running the pipeline (ls, show, debug). */
abstract class AbstractInspectingMojo extends AbstractSessionMojo {

    private final String word;

    AbstractInspectingMojo(String word) {
        this.word = word;
    }

    /** Nothing of the pipeline runs: the request only carries the project, target and selection. */
    @Override
    protected Goal goal() {
        return Goal.RENDER;
    }

    @Override
    protected String word() {
        return word;
    }
}
