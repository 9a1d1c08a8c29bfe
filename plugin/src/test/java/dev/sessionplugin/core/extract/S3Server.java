package dev.sessionplugin.core.extract;

import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-protocol server (s3proxy, in memory) on a free loopback port, for tests and ITs. */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "session-test-key";
    public static final String SECRET_KEY = "session-test-secret";

    private final S3Proxy proxy;
    private final S3Client client;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public static S3Server start() throws Exception {
        return start(new TransientNio2BlobStore());
    }

    /** Objects kept in files under {@code folder} (large objects, benchmarks), not in memory. */
    public static S3Server onDisk(java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.createDirectories(folder);
        return start(new org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore(folder.toString()));
    }

    private static S3Server start(org.gaul.s3proxy.blobstore.BlobStore store) throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        return new S3Server(proxy);
    }

    public int port() {
        return proxy.getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public S3Client client() {
        return client;
    }

    public void bucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Uploads a file in one PUT, streamed from disk. */
    public void putFile(String bucket, String key, java.nio.file.Path file) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    public void delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
