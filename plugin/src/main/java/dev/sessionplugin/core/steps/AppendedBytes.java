package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.steps.SourceScan.Tail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The new bytes of grown files, as files the load statement reads like any other: each tail gets the file's own
 * header line in front, so the same COPY (and header check) applies. New whole files are loaded as they are.
 * The temporary files go when this is closed.
 */
final class AppendedBytes implements AutoCloseable {

    private final List<LocalFile> files = new ArrayList<>();
    private final List<Tail> origins = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();

    private AppendedBytes() {
    }

    static AppendedBytes of(SourceSpec source, List<Tail> tails) {
        AppendedBytes out = new AppendedBytes();
        try {
            for (Tail tail : tails) {
                LocalFile file = tail.file();
                if (tail.from() == 0) {
                    out.files.add(file);
                } else {
                    Path temp = Files.createTempFile("session-appended-", "-" + file.path().getFileName());
                    out.temps.add(temp);
                    write(file.path(), tail.from(), source.csv().header(), temp);
                    out.files.add(new LocalFile(file.source(), temp, file.display(), file.version()));
                }
                out.origins.add(tail);
            }
            return out;
        } catch (IOException e) {
            out.close();
            throw SessionException.io(Location.of(tails.get(0).file().display()), "cannot copy the new rows of a "
                    + "grown file: " + e.getMessage(), "check the temporary folder has room, or run with "
                    + "-Dsession.full=true", e);
        }
    }

    List<LocalFile> files() {
        return files;
    }

    /** "1,204 new bytes after 250,743,007 unchanged": what the log says of the tails. */
    static String describe(List<Tail> tails) {
        if (tails.isEmpty()) {
            return "no new bytes";
        }
        long kept = 0;
        long added = 0;
        for (Tail tail : tails) {
            long size = tail.file().path().toFile().length();
            kept += tail.from();
            added += size - tail.from();
        }
        return String.format("%,d new bytes after %,d unchanged", added, kept);
    }

    /** An error's line in a tail file, as the line of the grown file the user has. */
    SessionException located(SessionException e, LocalFile loaded) {
        int index = files.indexOf(loaded);
        if (index < 0 || e.location() == null || e.location().line() <= 0 || origins.get(index).from() == 0) {
            return e;
        }
        Tail tail = origins.get(index);
        try {
            long before = lineBreaks(tail.file().path(), tail.from());
            long line = before + e.location().line() - (tail.file().source().csv().header() ? 1 : 0);
            return new SessionException(e.kind(), Location.of(tail.file().display(), (int) line), e.reason(),
                    e.hint(), e);
        } catch (IOException io) {
            return e;
        }
    }

    @Override
    public void close() {
        for (Path temp : temps) {
            temp.toFile().delete();
        }
    }

    private static void write(Path file, long from, boolean header, Path temp) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            if (header) {
                out.write(java.nio.ByteBuffer.wrap(firstLine(file)));
            }
            long size = in.size();
            for (long at = from; at < size; ) {
                at += in.transferTo(at, size - at, out);
            }
        }
    }

    /** The header line with its line break, as bytes: the tail is read in the file's own encoding. */
    private static byte[] firstLine(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 4096)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toByteArray();
        }
    }

    private static long lineBreaks(Path file, long until) throws IOException {
        long count = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[1 << 16];
            long read = 0;
            for (int n; read < until && (n = in.read(block, 0, (int) Math.min(block.length, until - read))) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        count++;
                    }
                }
                read += n;
            }
        }
        return count;
    }
}
