package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunMode;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;

import java.io.File;
import java.nio.file.Path;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters → {@link RunRequest} → {@link Pipeline} → Maven's verdict. User problems (descriptor, templates, data,
 * failed checks) fail the build; environment problems (warehouse, I/O) are execution errors. Each goal declares
 * only the parameters it reads (so {@code session:help -Ddetail} lists those): these are every goal's;
 * {@link AbstractBuildingMojo} and {@link AbstractLoadingMojo} add the rest.
 */
abstract class AbstractSessionMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /** The pipeline descriptor, relative to the project directory. */
    @Parameter(property = "session.descriptor", defaultValue = "pipeline.yaml")
    private String descriptor;

    /**
     * Where to run: {@code duckdb} (embedded, a file under target/, the default) or {@code snowflake}; overrides
     * the descriptor's {@code target}.
     */
    @Parameter(property = "session.target")
    private String target;

    /** Models to cover: name, name+, +name, 2+name, name+1, @name, tag:daily, path:models/staging (comma-separated). */
    @Parameter(property = "session.select")
    private String select;

    /** Models to leave out, in the same forms as session.select (e.g. tag:slow, path:models/archive, name+). */
    @Parameter(property = "session.exclude")
    private String exclude;

    /** An environment of one's own: every schema gets the suffix _{@code env} (e.g. dev_alice). */
    @Parameter(property = "session.env")
    private String env;

    /** Seconds to wait for another run on the same target to finish; 0 fails at once, naming the holder. */
    @Parameter(property = "session.lock.wait", defaultValue = "0")
    private int lockWait;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    /** Skip this goal. */
    @Parameter(property = "session.skip", defaultValue = "false")
    private boolean skip;

    /** How many projects this build has: in a multi-module build, modules without a descriptor are skipped. */
    @Parameter(defaultValue = "${reactorProjects}", readonly = true)
    private java.util.List<?> reactorProjects;

    protected abstract Goal goal();

    /** How the goal treats what is published; the environment applies to every goal. */
    /** Template variables replacing the descriptor's {@code vars:}: {@code since=2019-06-01,region=eu}. */
    @Parameter(property = "session.vars")
    private String vars;

    /** Run the models' unit tests first ({@code tests/<model>/<case>.yaml}); false skips them. */
    @Parameter(property = "session.unit", defaultValue = "true")
    private boolean unit;

    protected RunMode mode() {
        return new RunMode(false, false, env);
    }

    protected String env() {
        return env;
    }

    /** Read every source's file from this folder or S3 prefix instead of its uri; goals that load override it. */
    protected String sources() {
        return null;
    }

    /** The run's options: the base ones here, S3 and build options from the goals that use them. */
    protected RunOptions options(CredentialSource credentials) {
        return new RunOptions(null, null, null, false, 60, false, lockWait, credentials, RunOptions.CORES, false);
    }

    protected int lockWait() {
        return lockWait;
    }

    /** The goal's name in messages. */
    protected String word() {
        return goal().word();
    }

    /** Carries the request out and prints the result; the pipeline's goals run it whole. */
    protected void run(RunRequest request) {
        Pipeline.execute(request, new MavenProgress(getLog()));
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("session:" + word() + " skipped (session.skip=true)");
            return;
        }
        if (reactorProjects != null && reactorProjects.size() > 1
                && !basedir.toPath().resolve(descriptor).toFile().isFile()) {
            getLog().info("session:" + word() + " skipped: this module has no " + descriptor);
            return;
        }
        try {
            CredentialSource credentials = new SettingsCredentials(settings, decrypter)
                    .orElse(CredentialSource.environment(System.getenv()));
            run(new RunRequest(goal(), basedir.toPath(), Path.of(descriptor), buildDirectory.toPath(), target, select,
                    sources(), pluginVersion, options(credentials).withVars(vars), exclude, mode().withUnits(unit)));
        } catch (SessionException e) {
            // The message already says what, where and the fix; Maven would append every cause's text after it
            // (the engine's message again, CSV sniffer dumps), so the cause goes to the debug log (-X) only.
            getLog().debug(e);
            if (e.isUserProblem()) {
                throw new MojoFailureException(e.getMessage());
            }
            throw new MojoExecutionException(e.getMessage());
        }
    }
}
