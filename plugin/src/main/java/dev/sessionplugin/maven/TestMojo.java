package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Stages, builds and checks every selected model; publishes nothing. Fails when an error-level check fails: this is what CI runs. */
@Mojo(name = "test", threadSafe = true, defaultPhase = LifecyclePhase.VERIFY)
public class TestMojo extends AbstractSessionMojo {

    @Override
    protected Goal goal() {
        return Goal.TEST;
    }
}
