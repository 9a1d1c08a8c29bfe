package dev.sessionplugin.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Files of generated text (documentation pages, rendered SQL) written only when their text changed: on this kind of
 * output the kernel's file work is most of the cost, and creating thousands of files right after deleting thousands
 * is the slowest of it. A file is kept only on proof: its new text hashes to what was written last time, and the
 * file still has the size and modification time it had then (so a file edited or removed by hand is written again).
 * The record is {@value #RECORD} in the folder.
 */
public final class WrittenFiles {

    static final String RECORD = ".written";

    private record Written(String hash, long size, long modified) {
    }

    private final Path dir;
    private final Map<String, Written> before;
    private final Map<String, Written> now = new ConcurrentHashMap<>();
    private final java.util.Set<Path> folders = ConcurrentHashMap.newKeySet(); // made already: one mkdir each

    private WrittenFiles(Path dir, Map<String, Written> before) {
        this.dir = dir;
        this.before = before;
    }

    public static WrittenFiles in(Path dir) {
        Map<String, Written> known = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(RECORD), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 4) {
                    known.put(f[0], new Written(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                }
            }
        } catch (NoSuchFileException e) {
            // nothing written here yet: every file is written
        } catch (IOException | NumberFormatException e) {
            known.clear(); // unreadable: prove nothing, write everything
        }
        return new WrittenFiles(dir, known);
    }

    /**
     * Writes {@code text} to {@code relative} (creating its folders) unless the file provably holds it already.
     * Safe from several threads.
     */
    public void write(String relative, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String hash = hash(bytes);
        Path file = dir.resolve(relative);
        try {
            Written last = before.get(relative);
            if (last != null && last.hash().equals(hash) && unchanged(file, last)) {
                now.put(relative, last);
                return;
            }
            if (folders.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, bytes);
            now.put(relative, new Written(hash, bytes.length, Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records what was written, for the next time. */
    public void save() throws IOException {
        List<String> lines = new ArrayList<>();
        now.forEach((file, w) -> lines.add(file + "\t" + w.hash() + "\t" + w.size() + "\t" + w.modified()));
        Files.write(dir.resolve(RECORD), lines, StandardCharsets.UTF_8);
    }

    /** Deletes every other file under the folder (and folders left empty): the output is exactly this write's. */
    public void removeOthers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList(); // a folder's files before the folder
        }
        for (Path p : all) {
            if (p.equals(dir)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> left = Files.list(p)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            } else if (!now.containsKey(dir.relativize(p).toString().replace('\\', '/'))
                    && !p.getFileName().toString().equals(RECORD)) {
                Files.delete(p);
            }
        }
    }

    private static boolean unchanged(Path file, Written last) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() && a.size() == last.size() && a.lastModifiedTime().toMillis() == last.modified();
        } catch (IOException e) {
            return false; // gone or unreadable: write it
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
