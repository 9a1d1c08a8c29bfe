package dev.sessionplugin.core.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pages are written only when their text changed: creating and truncating thousands of files is most of what a
 * large site costs. A page is kept only on proof: its new text hashes to what was written last time, and the file
 * still has the size and modification time it had then (so a page edited or removed by hand is written again).
 * The record is {@code .pages} in the site's folder.
 */
final class WrittenPages {

    private record Written(String hash, long size, long modified) {
    }

    private final Path dir;
    private final Map<String, Written> before;
    private final Map<String, Written> now = new ConcurrentHashMap<>();

    private WrittenPages(Path dir, Map<String, Written> before) {
        this.dir = dir;
        this.before = before;
    }

    static WrittenPages in(Path dir) {
        Map<String, Written> known = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(".pages"), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 4) {
                    known.put(f[0], new Written(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
        } catch (NoSuchFileException e) {
            // a first site: every page is written
        } catch (IOException | NumberFormatException e) {
            known.clear(); // unreadable: prove nothing, write everything
        }
        return new WrittenPages(dir, known);
    }

    /** Writes {@code text} to the page unless the page provably holds it already. Safe from several threads. */
    void write(String page, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String hash = hash(bytes);
        Path file = dir.resolve(page);
        try {
            Written last = before.get(page);
            if (last != null && last.hash().equals(hash) && Files.isRegularFile(file) && Files.size(file) == last.size()
                    && Files.getLastModifiedTime(file).toMillis() == last.modified()) {
                now.put(page, last);
                return;
            }
            Files.write(file, bytes);
            now.put(page, new Written(hash, bytes.length, Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records what was written, for the next site. */
    void save() throws IOException {
        List<String> lines = new ArrayList<>();
        now.forEach((page, w) -> lines.add(page + "\t" + w.hash() + "\t" + w.size() + "\t" + w.modified()));
        Files.write(dir.resolve(".pages"), lines, StandardCharsets.UTF_8);
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
