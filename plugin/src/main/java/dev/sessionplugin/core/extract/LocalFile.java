package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.descriptor.SourceSpec;

import java.nio.file.Path;

/** A source's CSV as a complete local file the engine can load, and the name the user knows it by. */
public record LocalFile(SourceSpec source, Path path, String display) {
}
