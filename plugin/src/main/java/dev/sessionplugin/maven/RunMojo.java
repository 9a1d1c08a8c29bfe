package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunMode;
import dev.sessionplugin.core.RunOptions;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** The whole job: stage, build into shadows, check, and publish only when every check passed. */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractLoadingMojo {

    /**
     * {@code all} (default): publish only when every check passed. {@code partial}: publish each model whose own
     * and upstream checks passed, skip what is downstream of a failure; the run still fails.
     */
    @Parameter(property = "session.publish", defaultValue = "all")
    private String publish;

    /** Rebuild every model and reload every source, ignoring what the last run recorded. */
    @Parameter(property = "session.full", defaultValue = "false")
    private boolean full;

    @Override
    protected RunOptions options(CredentialSource credentials) {
        RunOptions options = super.options(credentials);
        return options.withThreads(options.threads(), full);
    }

    @Override
    protected Goal goal() {
        return Goal.RUN;
    }

    @Override
    protected RunMode mode() {
        if (!publish.equals("all") && !publish.equals("partial")) {
            throw new dev.sessionplugin.core.SessionException(dev.sessionplugin.core.SessionException.Kind.CONFIG,
                    dev.sessionplugin.core.Location.of("-Dsession.publish"), "unknown publish mode '" + publish + "'",
                    "use all (the default: all or nothing) or partial", null);
        }
        return new RunMode(false, publish.equals("partial"), env());
    }
}
