package dev.sessionplugin.core;

/**
 * The knobs of a run beyond the goal and selection, each a {@code -Dsession.*} property.
 *
 * @param s3Endpoint    an S3-compatible server ({@code http://host:port}); path-style addressing is used with it
 * @param s3Region      the bucket's region; default from the AWS region chain
 * @param s3Profile     a profile of the shared AWS config/credentials files
 * @param s3Anonymous   unsigned requests, for public buckets
 * @param s3TimeoutSeconds how long a transfer may stall before it is abandoned
 * @param extractForce  download every object again, even when the manifest says it is unchanged
 * @param lockWaitSeconds how long to wait for another run on the same target to finish; 0 fails at once
 * @param credentials   where warehouse secrets (Snowflake) come from; they are never logged
 * @param threads       how many independent models are built at once
 * @param full          rebuild everything, ignoring the fingerprints of the last run
 */
public record RunOptions(String s3Endpoint, String s3Region, String s3Profile, boolean s3Anonymous,
                         int s3TimeoutSeconds, boolean extractForce, int lockWaitSeconds,
                         CredentialSource credentials, int threads, boolean full) {

    public static final int CORES = Runtime.getRuntime().availableProcessors();

    public static final RunOptions DEFAULTS = new RunOptions(null, null, null, false, 60, false, 0);

    public RunOptions(String s3Endpoint, String s3Region, String s3Profile, boolean s3Anonymous,
                      int s3TimeoutSeconds, boolean extractForce, int lockWaitSeconds) {
        this(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce, lockWaitSeconds,
                CredentialSource.environment(System.getenv()), CORES, false);
    }

    public RunOptions withLockWait(int seconds) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce, seconds,
                credentials, threads, full);
    }

    public RunOptions withCredentials(CredentialSource secrets) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce,
                lockWaitSeconds, secrets, threads, full);
    }

    public RunOptions withThreads(int count, boolean everything) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce,
                lockWaitSeconds, credentials, Math.max(1, count), everything);
    }
}
