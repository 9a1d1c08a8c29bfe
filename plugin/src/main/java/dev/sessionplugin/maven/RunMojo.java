package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/** The whole job: stage, build into shadows, check, and publish only when every check passed. */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractSessionMojo {

    @Override
    protected Goal goal() {
        return Goal.RUN;
    }
}
