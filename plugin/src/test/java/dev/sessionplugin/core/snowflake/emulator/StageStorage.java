package dev.sessionplugin.core.snowflake.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Where an external stage's URL leads: the objects under a prefix, as the warehouse would read them. */
public interface StageStorage {

    /** A stored object: its full URL, content and version. */
    record StoredFile(String url, byte[] bytes, String md5, Instant lastModified) {
        String name() {
            return url.substring(url.lastIndexOf('/') + 1);
        }
    }

    /** The objects whose URL starts with {@code prefix}. */
    List<StoredFile> list(String prefix);

    /** This storage, and where it holds nothing under a prefix, {@code other}. */
    default StageStorage or(StageStorage other) {
        return prefix -> {
            List<StoredFile> here = list(prefix);
            return here.isEmpty() ? other.list(prefix) : here;
        };
    }

    /** URLs under {@code urlPrefix} are the files under {@code folder}. */
    static StageStorage folder(String urlPrefix, Path folder) {
        return prefix -> {
            if (!prefix.startsWith(urlPrefix)) {
                return List.of();
            }
            List<StoredFile> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String url = urlPrefix + folder.relativize(f).toString().replace('\\', '/');
                    if (url.startsWith(prefix)) {
                        byte[] bytes = Files.readAllBytes(f);
                        out.add(new StoredFile(url, bytes, md5(bytes), Files.getLastModifiedTime(f).toInstant()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        };
    }

    /** {@code s3://bucket/key} URLs are objects of an S3 server. */
    static StageStorage s3(S3Client client) {
        return prefix -> {
            String rest = prefix.substring("s3://".length());
            String bucket = rest.substring(0, rest.indexOf('/'));
            String keyPrefix = rest.substring(rest.indexOf('/') + 1);
            List<StoredFile> out = new ArrayList<>();
            for (S3Object o : client.listObjectsV2(b -> b.bucket(bucket).prefix(keyPrefix)).contents()) {
                byte[] bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
                out.add(new StoredFile("s3://" + bucket + "/" + o.key(), bytes, o.eTag().replace("\"", ""),
                        o.lastModified()));
            }
            return out;
        };
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
