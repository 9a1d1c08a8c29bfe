package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/** Loads every source's CSV into its staging table with the engine's COPY. */
@Mojo(name = "stage", threadSafe = true)
public class StageMojo extends AbstractLoadingMojo {

    @Override
    protected Goal goal() {
        return Goal.STAGE;
    }
}
