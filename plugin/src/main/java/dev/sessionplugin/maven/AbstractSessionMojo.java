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
 * failed checks) fail the build; environment problems (warehouse, I/O) are execution errors.
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

    /** The target to run on ({@code duckdb}); overrides the descriptor's {@code target}. */
    @Parameter(property = "session.target")
    private String target;

    /** Models to run: name, name+, +name, 2+name, name+1, @name, tag:daily, path:models/staging (comma-separated). */
    @Parameter(property = "session.select")
    private String select;

    /** Read every source's file from this folder instead of its {@code uri} (same file names). */
    /** An environment of one's own: every schema gets the suffix _{@code env} (e.g. dev_alice). */
    @Parameter(property = "session.env")
    private String env;

    /** Models to leave out, in the same forms as session.select (e.g. tag:slow, path:models/archive, name+). */
    @Parameter(property = "session.exclude")
    private String exclude;

    @Parameter(property = "session.sources")
    private String sources;

    /** An S3-compatible endpoint (MinIO, s3proxy, ...): {@code http://host:port}; uses path-style addressing. */
    @Parameter(property = "session.s3.endpoint")
    private String s3Endpoint;

    /** The buckets' region; default from the AWS region chain (AWS_REGION, profile), else us-east-1. */
    @Parameter(property = "session.s3.region")
    private String s3Region;

    /** A profile from ~/.aws/config and ~/.aws/credentials; default: the default credential chain. */
    @Parameter(property = "session.s3.profile")
    private String s3Profile;

    /** Unsigned requests, for public buckets. */
    @Parameter(property = "session.s3.anonymous", defaultValue = "false")
    private boolean s3Anonymous;

    /** Seconds a transfer may stall before it is abandoned and retried. */
    @Parameter(property = "session.s3.timeout", defaultValue = "60")
    private int s3Timeout;

    /** Download every S3 object again, even when unchanged since the last run. */
    @Parameter(property = "session.extract.force", defaultValue = "false")
    private boolean extractForce;

    /** Seconds to wait for another run on the same target to finish; 0 fails at once, naming the holder. */
    @Parameter(property = "session.lock.wait", defaultValue = "0")
    private int lockWait;

    /** How many independent models are built at once; default: the number of cores. */
    @Parameter(property = "session.threads", defaultValue = "0")
    private int threads;

    /** Rebuild every model and reload every source, ignoring what the last run recorded. */
    @Parameter(property = "session.full", defaultValue = "false")
    private boolean full;

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
    protected RunMode mode() {
        return new RunMode(false, false, env);
    }

    protected String env() {
        return env;
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
        if (reactorProjects != null && reactorProjects.size() > 1 && !basedir.toPath().resolve(descriptor).toFile().isFile()) {
            getLog().info("session:" + word() + " skipped: this module has no " + descriptor);
            return;
        }
        try {
            RunRequest request = new RunRequest(goal(), basedir.toPath(), Path.of(descriptor), buildDirectory.toPath(),
                    target, select, sources, pluginVersion,
                    new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3Timeout, extractForce, lockWait,
                            new SettingsCredentials(settings, decrypter).orElse(CredentialSource.environment(System.getenv())),
                            threads > 0 ? threads : RunOptions.CORES, full), exclude, mode());
            run(request);
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
