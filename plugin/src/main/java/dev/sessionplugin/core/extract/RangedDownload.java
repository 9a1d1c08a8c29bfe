package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.report.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A large object as parallel ranged GETs, each written into one file at its own offset. S3 serves ranges of one
 * object over many connections much faster than one stream (what the AWS CLI and the transfer manager do); memory
 * stays at one small buffer per range in flight, whatever the object's size. Every range asks for the version the
 * HEAD saw ({@code If-Match}), so a file is never stitched from two versions; a range cut short is fetched again.
 */
final class RangedDownload {

    static final long PART_BYTES = 8L << 20;
    static final int PARALLEL = 16;
    private static final int ATTEMPTS = 3;

    private final S3Client client;
    private final Progress progress;
    private final long partBytes;

    RangedDownload(S3Client client, Progress progress, long partBytes) {
        this.client = client;
        this.progress = progress;
        this.partBytes = partBytes;
    }

    /** Whether an object of this size is worth splitting. */
    boolean wanted(long size) {
        return size > partBytes;
    }

    /** Writes the object into {@code file} (created or truncated) and returns how many ranges it took. */
    int into(S3Uri uri, String etag, long size, Path file) throws IOException {
        int parts = (int) ((size + partBytes - 1) / partBytes);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, parts), r -> {
            Thread t = new Thread(r, "s3-range");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                long from = i * partBytes;
                long to = Math.min(size, from + partBytes) - 1;
                running.add(pool.submit(() -> {
                    range(uri, etag, out, from, to);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    running.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime; // an S3 answer (412: the object changed): the caller explains it
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while downloading " + uri, e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return parts;
    }

    private void range(S3Uri uri, String etag, FileChannel out, long from, long to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            long position = from;
            try (InputStream in = client.getObject(b -> b.bucket(uri.bucket()).key(uri.key())
                    .range("bytes=" + from + "-" + to).ifMatch(etag))) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        position += out.write(chunk, position);
                    }
                }
                if (position != to + 1) {
                    throw new IOException("bytes " + from + "-" + to + " of " + uri + ": got " + (position - from));
                }
                return;
            } catch (IOException | SdkClientException e) {
                if (attempt >= ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
                progress.warn("extract retry " + attempt + "/" + (ATTEMPTS - 1) + " of bytes " + from + "-" + to
                        + " of " + uri + ": " + e.getMessage());
            }
        }
    }
}
