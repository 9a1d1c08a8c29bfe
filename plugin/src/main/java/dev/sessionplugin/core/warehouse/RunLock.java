package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.SessionException.Kind;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One run at a time per target: an OS lock on a file next to the database, holding who runs (pid, host, start).
 * The operating system drops the lock when the process dies, so a killed run never blocks the next one; the
 * holder text it leaves behind tells the next run that it is recovering from an interrupted one.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private RunLock(FileChannel channel, FileLock lock, String previousHolder) {
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /** Takes the lock, waiting up to {@code wait} for a running holder to finish. */
    public static RunLock acquire(Path file, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    String previous = read(channel);
                    write(channel, holder());
                    return new RunLock(channel, lock, previous.isBlank() ? null : previous);
                }
                if (!Instant.now().isBefore(deadline)) {
                    String holder = read(channel);
                    channel.close();
                    throw new SessionException(Kind.WAREHOUSE, Location.of(file.toString()),
                            "another run holds the lock (" + (holder.isBlank() ? "holder unknown" : holder) + ")"
                                    + (wait.isZero() ? "" : ", still after " + wait.toSeconds() + " s"),
                            "wait for it to finish, or let this run wait: -Dsession.lock.wait=300 (seconds)", null);
                }
                Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot open the run lock: " + e.getMessage(),
                    "check that the build directory is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SessionException.io(Location.of(file.toString()), "interrupted while waiting for the run lock",
                    null, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null; // another run in this very JVM
        }
    }

    /** What an earlier run left in the lock file without releasing it: it was killed or crashed. */
    public String interruptedRun() {
        return previousHolder;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    /** Who this run is, as every run lock records it: {@code pid 4242 on build-7 since 2026-11-25T10:00:00Z}. */
    public static String holder() {
        return "pid " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now();
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
