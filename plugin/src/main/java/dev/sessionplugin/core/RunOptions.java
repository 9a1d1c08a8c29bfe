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
 * @param vars          {@code -Dsession.vars=name=value,...}: template variables replacing the descriptor's
 */
public record RunOptions(String s3Endpoint, String s3Region, String s3Profile, boolean s3Anonymous,
                         int s3TimeoutSeconds, boolean extractForce, int lockWaitSeconds,
                         CredentialSource credentials, int threads, boolean full, java.util.Map<String, String> vars) {

    public RunOptions(String s3Endpoint, String s3Region, String s3Profile, boolean s3Anonymous,
                      int s3TimeoutSeconds, boolean extractForce, int lockWaitSeconds,
                      CredentialSource credentials, int threads, boolean full) {
        this(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce, lockWaitSeconds,
                credentials, threads, full, java.util.Map.of());
    }

    /** {@code name=value,name=value} (a value may not hold a comma) as template variables. */
    public RunOptions withVars(String assignments) {
        java.util.Map<String, String> parsed = new java.util.LinkedHashMap<>();
        for (String pair : assignments == null ? new String[0] : assignments.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw SessionException.config(Location.of("-Dsession.vars"), "'" + pair.strip() + "' is not "
                        + "name=value", "e.g. -Dsession.vars=since=2019-06-01,region=eu");
            }
            parsed.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce,
                lockWaitSeconds, credentials, threads, full, java.util.Map.copyOf(parsed));
    }

    public static final int CORES = Runtime.getRuntime().availableProcessors();

    public static final RunOptions DEFAULTS = new RunOptions(null, null, null, false, 60, false, 0);

    public RunOptions(String s3Endpoint, String s3Region, String s3Profile, boolean s3Anonymous,
                      int s3TimeoutSeconds, boolean extractForce, int lockWaitSeconds) {
        this(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce, lockWaitSeconds,
                CredentialSource.environment(System.getenv()), CORES, false);
    }

    public RunOptions withLockWait(int seconds) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce, seconds,
                credentials, threads, full, vars);
    }

    public RunOptions withCredentials(CredentialSource secrets) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce,
                lockWaitSeconds, secrets, threads, full, vars);
    }

    public RunOptions withThreads(int count, boolean everything) {
        return new RunOptions(s3Endpoint, s3Region, s3Profile, s3Anonymous, s3TimeoutSeconds, extractForce,
                lockWaitSeconds, credentials, Math.max(1, count), everything, vars);
    }
}
