package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code target/session/extract/manifest.json}: what was downloaded from where, so a rerun skips objects whose
 * ETag and size did not change. An unreadable manifest only means everything is downloaded again.
 */
final class Manifest {

    /** One downloaded object. */
    record Entry(String uri, String etag, long size, String lastModified, String localPath) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Entry> entries;

    private Manifest(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static Manifest load(Path file) {
        if (Files.isRegularFile(file)) {
            try {
                return new Manifest(file, new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {
                })));
            } catch (IOException e) {
                // fall through: downloading again is always safe
            }
        }
        return new Manifest(file, new TreeMap<>());
    }

    Entry get(String uri) {
        return entries.get(uri);
    }

    void put(Entry entry) {
        entries.put(entry.uri(), entry);
    }

    void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), entries);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot write the extract manifest: "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
    }
}
