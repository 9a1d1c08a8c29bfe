package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/** Publishes the shadows whose checks all passed since they were built, atomically; refuses otherwise. */
@Mojo(name = "swap", threadSafe = true)
public class SwapMojo extends AbstractSessionMojo {

    @Override
    protected Goal goal() {
        return Goal.SWAP;
    }
}
