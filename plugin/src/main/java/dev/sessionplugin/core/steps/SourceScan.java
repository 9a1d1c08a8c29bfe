package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.extract.LocalFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One read of a source's files: their fingerprint, each file's extent (size and CRC32C), and, when the files only
 * grew since the extents recorded with the staging table, the new bytes to append instead of loading everything.
 *
 * <p>An append is a proof, like every skip: the recorded extents must give back the staging table's recorded
 * fingerprint under today's declaration (so columns and format are unchanged), every recorded file must still
 * start with exactly its recorded bytes, ending at a line break, and the files must be local and in a
 * single-byte-newline encoding. Anything else loads the source whole.
 *
 * @param fingerprint {@link Fingerprints#ofSource}; null when a file's version is unknown
 * @param extents     each local file's {@code size:crc}, in load order; null when a file is remote
 * @param tails       what to load on top of the staging table when the files only grew; null when it cannot be shown
 */
public record SourceScan(String fingerprint, String extents, List<Tail> tails) {

    /** Bytes of {@code file} from offset {@code from} on (0: the whole file, with its own header). */
    public record Tail(LocalFile file, long from) {
    }

    private static final int BLOCK = 1 << 20;

    /** The same files, to be loaded whole. */
    public SourceScan whole() {
        return new SourceScan(fingerprint, extents, null);
    }

    public boolean appends() {
        return tails != null;
    }

    /** Scans the files; {@code recordedExtents} and {@code recordedFingerprint} describe the staging table. */
    public static SourceScan of(SourceSpec source, List<LocalFile> files, String recordedExtents,
                                String recordedFingerprint) {
        String declaration = declaration(source);
        boolean local = files.stream().allMatch(f -> f.path() != null);
        long[][] before = parse(recordedExtents);
        boolean provable = local && before != null && before.length <= files.size() && singleByteNewline(source)
                && Fingerprints.sha256(declaration + text(before)).equals(recordedFingerprint);
        StringBuilder text = new StringBuilder(declaration);
        List<Tail> tails = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            LocalFile file = files.get(i);
            if (file.path() == null) { // remote: its version stands for its bytes
                if (file.version() == null) {
                    return new SourceScan(null, null, null);
                }
                text.append('|').append(file.display()).append('@').append(file.version());
                continue;
            }
            long mark = provable && i < before.length ? before[i][0] : -1;
            Read read = read(file, mark);
            // Content only: the same bytes read from another folder (-Dsession.sources) load the same table.
            text.append('|').append(read.size).append(':').append(read.crc);
            if (mark >= 0) {
                provable = read.markCrc == before[i][1] && (mark == 0 || read.beforeMark == '\n');
                if (provable && read.size > mark) {
                    tails.add(new Tail(file, mark));
                }
            } else if (provable) {
                tails.add(new Tail(file, 0));
            }
        }
        String fingerprint = Fingerprints.sha256(text.toString());
        return new SourceScan(fingerprint, local ? text.substring(declaration.length()) : null,
                provable ? tails : null);
    }

    /** What a source's fingerprint covers besides its files' bytes: where it loads and how the files read. */
    static String declaration(SourceSpec source) {
        return source.table() + '|' + source.columns() + '|' + source.csv();
    }

    /** A line break is the byte 0x0A only where the file's encoding is a single-byte one or UTF-8. */
    private static boolean singleByteNewline(SourceSpec source) {
        return !source.csv().encoding().toLowerCase(java.util.Locale.ROOT).startsWith("utf-16");
    }

    private static String text(long[][] extents) {
        StringBuilder out = new StringBuilder();
        for (long[] e : extents) {
            out.append('|').append(e[0]).append(':').append(e[1]);
        }
        return out.toString();
    }

    private static long[][] parse(String recorded) {
        if (recorded == null) {
            return null;
        }
        try {
            String[] parts = recorded.isEmpty() ? new String[0] : recorded.substring(1).split("\\|");
            long[][] out = new long[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                out[i] = new long[] {Long.parseLong(parts[i].substring(0, colon)),
                        Long.parseLong(parts[i].substring(colon + 1))};
            }
            return out;
        } catch (RuntimeException e) {
            return null; // not written by this version: nothing is proven
        }
    }

    /** A file's size and CRC32C, with the CRC32C of its first {@code mark} bytes and the byte just before them. */
    private record Read(long size, long crc, long markCrc, int beforeMark) {
    }

    private static Read read(LocalFile file, long mark) {
        CRC32C crc = new CRC32C();
        long size = 0;
        long markCrc = mark == 0 ? crc.getValue() : -1;
        int beforeMark = -1;
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] block = new byte[BLOCK];
            for (int n; (n = in.read(block)) > 0; ) {
                if (mark > size && mark <= size + n) { // the recorded end falls in this block
                    int head = (int) (mark - size);
                    crc.update(block, 0, head);
                    markCrc = crc.getValue();
                    beforeMark = block[head - 1];
                    crc.update(block, head, n - head);
                } else {
                    crc.update(block, 0, n);
                }
                size += n;
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.display()), "cannot read: " + e.getMessage(), null, e);
        }
        return new Read(size, crc.getValue(), markCrc, beforeMark);
    }
}
