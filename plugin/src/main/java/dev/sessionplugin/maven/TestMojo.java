package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunMode;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stages, builds and checks every selected model; publishes nothing. Fails when an error-level check fails: this is
 * what CI runs. With -Dsession.published=true it builds nothing and checks the published tables as they are.
 */
@Mojo(name = "test", threadSafe = true, defaultPhase = LifecyclePhase.VERIFY)
public class TestMojo extends AbstractLoadingMojo {

    /** Check what is published now instead of building and checking shadows (a scheduled data-quality job). */
    @Parameter(property = "session.published", defaultValue = "false")
    private boolean published;

    @Override
    protected Goal goal() {
        return Goal.TEST;
    }

    @Override
    protected RunMode mode() {
        return new RunMode(published, false, env());
    }
}
