package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.RunOptions;

import org.apache.maven.plugins.annotations.Parameter;

/** Goals that read the sources: where from (a folder or S3 prefix) and how S3 is reached. */
abstract class AbstractLoadingMojo extends AbstractBuildingMojo {

    /** Read every source's file from this folder or S3 prefix instead of its {@code uri} (same file names). */
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

    /** Unsigned requests, for public buckets (no AWS account needed). */
    @Parameter(property = "session.s3.anonymous", defaultValue = "false")
    private boolean s3Anonymous;

    /** Seconds a transfer may stall before it is abandoned and retried. */
    @Parameter(property = "session.s3.timeout", defaultValue = "60")
    private int s3Timeout;

    /** Download every S3 object again, even when unchanged since the last run. */
    @Parameter(property = "session.extract.force", defaultValue = "false")
    private boolean extractForce;

    @Override
    protected String sources() {
        return sources;
    }

    @Override
    protected RunOptions options(CredentialSource credentials) {
        RunOptions built = super.options(credentials);
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3Timeout, extractForce, lockWait(),
                credentials, built.threads(), built.full());
    }
}
