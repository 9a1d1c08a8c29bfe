package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.descriptor.SourceSpec;

import java.nio.file.Path;

/**
 * A source's CSV ready to load: a complete local file, or (path null) a remote file the engine reads itself;
 * {@code display} is the name the user knows it by.
 *
 * @param version for a remote file, what identifies its content (ETag, size, last-modified); null when unknown
 */
public record LocalFile(SourceSpec source, Path path, String display, String version) {

    public LocalFile(SourceSpec source, Path path, String display) {
        this(source, path, display, null);
    }

    /** What the load statement reads: the local path, or the remote URI. */
    public String location() {
        return path == null ? display : path.toAbsolutePath().toString();
    }
}
