package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

/** {@code s3://bucket/key} (an object) or {@code s3://bucket/prefix/} (a folder, with a file pattern). */
record S3Uri(String bucket, String key) {

    static boolean is(String uri) {
        return uri.startsWith("s3://");
    }

    static S3Uri parse(String uri, Location at) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw SessionException.config(at, "bad S3 URI '" + uri + "'", "write s3://bucket/key or s3://bucket/prefix/");
        }
        return new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
