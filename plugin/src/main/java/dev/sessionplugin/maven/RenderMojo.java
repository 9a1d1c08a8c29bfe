package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/** Writes every statement a run would send to target/session/rendered/, without connecting. */
@Mojo(name = "render", threadSafe = true)
public class RenderMojo extends AbstractLoadingMojo {

    @Override
    protected Goal goal() {
        return Goal.RENDER;
    }
}
