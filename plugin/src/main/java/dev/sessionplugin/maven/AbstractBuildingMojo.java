package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.RunOptions;

import org.apache.maven.plugins.annotations.Parameter;

/** Goals that build models into shadows: how many at once, and whether to rebuild what did not change. */
abstract class AbstractBuildingMojo extends AbstractSessionMojo {

    /** How many independent models are built at once; default: the number of cores. */
    @Parameter(property = "session.threads", defaultValue = "0")
    private int threads;

    @Override
    protected RunOptions options(CredentialSource credentials) {
        return super.options(credentials).withThreads(threads > 0 ? threads : RunOptions.CORES, false);
    }
}
