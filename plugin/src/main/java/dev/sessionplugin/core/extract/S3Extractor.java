package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;
import dev.sessionplugin.core.report.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Downloads S3 objects with AWS SDK v2 the way AWS users expect it configured (default credential chain, profiles,
 * region chain, anonymous access, any S3-compatible endpoint). Each object goes to a temporary name and is moved
 * into place only when its size and, where the ETag is an MD5, its checksum match: a partial file is never loaded.
 */
final class S3Extractor implements AutoCloseable {

    private static final int TRANSFER_ATTEMPTS = 3;

    private final RunOptions options;
    private final Progress progress;
    private final S3Client client;

    private final RangedDownload ranged;

    S3Extractor(RunOptions options, Progress progress) {
        this(options, progress, RangedDownload.PART_BYTES);
    }

    /** @param partBytes objects larger than this are fetched as parallel ranges of this size */
    S3Extractor(RunOptions options, Progress progress, long partBytes) {
        this.options = options;
        this.progress = progress;
        this.client = client(options, progress);
        this.ranged = new RangedDownload(client, progress, partBytes);
    }

    private static S3Client client(RunOptions options, Progress progress) {
        AwsCredentialsProvider credentials = options.s3Anonymous() ? AnonymousCredentialsProvider.create()
                : options.s3Profile() != null ? ProfileCredentialsProvider.create(options.s3Profile())
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(region(options))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(options.s3TimeoutSeconds())))
                // S3-compatible servers differ in checksum support; ask for checksums only where S3 requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(5).build())
                        .addExecutionInterceptor(new RetryLog(progress)));
        if (options.s3Endpoint() != null && !options.s3Endpoint().isBlank()) {
            URI endpoint = URI.create(options.s3Endpoint());
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw SessionException.config(Location.of("-Dsession.s3.endpoint"), "bad S3 endpoint '"
                        + options.s3Endpoint() + "'", "write it as http://host:port or https://host");
            }
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    private static Region region(RunOptions options) {
        if (options.s3Region() != null && !options.s3Region().isBlank()) {
            return Region.of(options.s3Region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException none) {
            return Region.US_EAST_1; // S3 answers a wrong region with the right one; see translate()
        }
    }

    /** The keys under a prefix whose file name matches a glob pattern, in key order. */
    List<S3Uri> list(S3Uri prefix, String pattern, Location at) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (pattern == null ? "*" : pattern));
        List<S3Uri> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key()))
                    .contents()) {
                String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                if (!name.isEmpty() && object.key().indexOf('/', prefix.key().length()) < 0
                        && matcher.matches(Path.of(name))) {
                    found.add(new S3Uri(prefix.bucket(), object.key()));
                }
            }
        } catch (S3Exception | SdkClientException e) {
            throw translate(e, prefix, at);
        }
        return found;
    }

    /** Downloads {@code uri} to {@code target} unless the manifest shows the same object there already. */
    boolean fetch(S3Uri uri, Path target, Manifest manifest, Location at) {
        HeadObjectResponse head;
        try {
            head = client.headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
        } catch (S3Exception | SdkClientException e) {
            throw translate(e, uri, at);
        }
        Manifest.Entry known = manifest.get(uri.toString());
        if (!options.extractForce() && known != null && known.etag().equals(head.eTag())
                && known.size() == head.contentLength() && sizeOf(target) == head.contentLength()) {
            progress.info(String.format(Locale.ROOT, "extract %-48s %10s  skipped: unchanged (ETag %s)", uri,
                    bytes(head.contentLength()), head.eTag()));
            return false;
        }
        long start = System.nanoTime();
        int parts = 1;
        for (int attempt = 1; ; attempt++) {
            try {
                parts = download(uri, target, head);
                break;
            } catch (IOException | SdkClientException e) {
                if (attempt >= TRANSFER_ATTEMPTS) {
                    throw new SessionException(Kind.IO, at, "download of " + uri + " failed " + attempt + " times: "
                            + e.getMessage(), "nothing partial was kept; check the network or the endpoint and run "
                            + "again (a stalled transfer is abandoned after " + options.s3TimeoutSeconds()
                            + " s, -Dsession.s3.timeout)", e);
                }
                progress.warn("extract retry " + attempt + "/" + (TRANSFER_ATTEMPTS - 1) + " of " + uri + ": "
                        + e.getMessage());
                pause(attempt);
            } catch (S3Exception e) {
                throw translate(e, uri, at);
            }
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        progress.info(String.format(Locale.ROOT, "extract %-48s %10s  %6.2f s  %8s/s  downloaded%s", uri,
                bytes(head.contentLength()), seconds, bytes((long) (head.contentLength() / seconds)),
                parts > 1 ? " in " + parts + " parallel ranges" : ""));
        manifest.put(new Manifest.Entry(uri.toString(), head.eTag(), head.contentLength(),
                String.valueOf(head.lastModified()), target.toString()));
        return true;
    }

    /** Into a temporary file, checked, then moved into place; returns how many ranged GETs it took. */
    private int download(S3Uri uri, Path target, HeadObjectResponse head) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (ranged.wanted(head.contentLength())) {
                int parts = ranged.into(uri, head.eTag(), head.contentLength(), part);
                verify(part, head);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return parts;
            }
            MessageDigest md5 = md5();
            String etag;
            long written;
            try (var response = client.getObject(b -> b.bucket(uri.bucket()).key(uri.key()).ifMatch(head.eTag()));
                 InputStream in = new DigestInputStream(response, md5);
                 OutputStream out = Files.newOutputStream(part)) {
                etag = response.response().eTag();
                written = in.transferTo(out);
                long expected = response.response().contentLength();
                if (written != expected) {
                    throw new IOException("got " + written + " of " + expected + " bytes");
                }
            }
            String hex = etag == null ? "" : etag.replace("\"", "");
            if (hex.matches("[0-9a-fA-F]{32}") && !hex.equalsIgnoreCase(HexFormat.of().formatHex(md5.digest()))) {
                throw new IOException("content does not match its ETag (MD5) " + etag);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 1;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * The whole file against the object: its size, and its MD5 where the ETag is one (a single-part upload; a
     * multipart ETag is no checksum of the content, so the size it is).
     */
    private static void verify(Path file, HeadObjectResponse head) throws IOException {
        long size = Files.size(file);
        if (size != head.contentLength()) {
            throw new IOException("got " + size + " of " + head.contentLength() + " bytes");
        }
        String hex = head.eTag() == null ? "" : head.eTag().replace("\"", "");
        if (hex.matches("[0-9a-fA-F]{32}")) {
            MessageDigest md5 = md5();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (!hex.equalsIgnoreCase(HexFormat.of().formatHex(md5.digest()))) {
                throw new IOException("content does not match its ETag (MD5) " + head.eTag());
            }
        }
    }

    /** An S3 error as a message naming the URI and what to do about it. */
    SessionException translate(Exception error, S3Uri uri, Location at) {
        if (error instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 403 && code == null) {
                code = codeOfDenial(uri.bucket());
            }
            String region = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().sdkHttpResponse()
                    .firstMatchingHeader("x-amz-bucket-region").orElse(null);
            if (region != null && (status == 301 || status == 400 || "PermanentRedirect".equals(code)
                    || "AuthorizationHeaderMalformed".equals(code))) {
                return SessionException.config(at, uri + ": the bucket is in region " + region,
                        "add -Dsession.s3.region=" + region);
            }
            if ("NoSuchBucket".equals(code) || (status == 404 && !bucketExists(uri.bucket()))) {
                return SessionException.data(at, uri + ": bucket '" + uri.bucket() + "' does not exist",
                        "check the bucket in the source's uri (or -Dsession.sources)");
            }
            if (status == 404) {
                return SessionException.data(at, uri + ": no such object",
                        "check the key in the source's uri (or -Dsession.sources); list the folder with "
                                + "'aws s3 ls s3://" + uri.bucket() + "/" + parent(uri.key()) + "'");
            }
            if ("SignatureDoesNotMatch".equals(code) || "InvalidAccessKeyId".equals(code)) {
                return SessionException.config(at, uri + ": S3 refused the credentials (" + code + ")",
                        "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile (-Dsession.s3.profile)");
            }
            if (status == 403) {
                return new SessionException(Kind.WAREHOUSE, at, uri + ": access denied (HTTP 403" + (code == null ? ""
                        : " " + code) + ")", options.s3Anonymous()
                        ? "the bucket does not allow anonymous reads: drop -Dsession.s3.anonymous and provide "
                        + "credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, -Dsession.s3.profile, or a role)"
                        : "check that these credentials may s3:GetObject and s3:ListBucket; a public bucket may "
                        + "refuse signed requests from other accounts: try -Dsession.s3.anonymous=true", error);
            }
            return new SessionException(Kind.IO, at, uri + ": S3 answered HTTP " + status + (code == null ? ""
                    : " " + code) + " (retried with backoff)", "try again later; S3 or the server is failing", error);
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (message.contains("Unable to load credentials")) {
            return SessionException.config(at, uri + ": no AWS credentials found",
                    "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use -Dsession.s3.profile, or "
                            + "-Dsession.s3.anonymous=true for a public bucket");
        }
        return new SessionException(Kind.IO, at, uri + ": cannot reach S3: " + message,
                "check the network or -Dsession.s3.endpoint", error);
    }

    /** A HEAD answer has no body; a listing says why access was denied (bad credentials or no permission). */
    private String codeOfDenial(String bucket) {
        try {
            client.listObjectsV2(b -> b.bucket(bucket).maxKeys(1));
            return null;
        } catch (S3Exception e) {
            return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        } catch (SdkClientException e) {
            return null;
        }
    }

    /** A HEAD answer has no body, so a 404 does not say whether the bucket or the key is missing. */
    private boolean bucketExists(String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            return e.statusCode() != 404;
        } catch (SdkClientException e) {
            return true;
        }
    }

    private static String parent(String key) {
        return key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : "";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Logs each retry the SDK makes (throttling, 5xx), so none happens silently. */
    private static final class RetryLog implements ExecutionInterceptor {
        private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Integer> ATTEMPT =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("session.attempt");
        private final Progress progress;

        RetryLog(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            int attempt = attributes.getAttribute(ATTEMPT) == null ? 1 : attributes.getAttribute(ATTEMPT) + 1;
            attributes.putAttribute(ATTEMPT, attempt);
            if (attempt > 1) {
                progress.warn("extract retry " + (attempt - 1) + " of " + context.httpRequest().method() + " "
                        + context.httpRequest().encodedPath());
            }
        }
    }
}
