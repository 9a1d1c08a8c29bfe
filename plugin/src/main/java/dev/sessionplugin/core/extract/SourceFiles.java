package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns each source's {@code uri} into a local file. {@code -Dsession.sources=<base>} reads the same file names
 * from another folder instead (the object names stay those of the descriptor).
 */
public final class SourceFiles {

    private SourceFiles() {
    }

    /** The URI a source is read from, after applying the override base, if any. */
    public static String uriOf(SourceSpec source, String overrideBase) {
        if (overrideBase == null || overrideBase.isBlank()) {
            return source.uri();
        }
        String name = source.uri().substring(source.uri().lastIndexOf('/') + 1);
        return overrideBase.endsWith("/") ? overrideBase + name : overrideBase + "/" + name;
    }

    /** The files ready to load: each exists and its header matches the declared columns. */
    public static List<LocalFile> resolve(Project project, List<SourceSpec> sources, String overrideBase) {
        List<LocalFile> files = planned(project, sources, overrideBase);
        for (LocalFile file : files) {
            if (!Files.isRegularFile(file.path())) {
                SourceSpec source = file.source();
                throw SessionException.data(source.location(), "source '" + source.name() + "': file "
                        + file.display() + " does not exist", "check 'uri' of '" + source.name()
                        + "' in pipeline.yaml" + (overrideBase == null ? "" : " and -Dsession.sources=" + overrideBase));
            }
            CsvHeader.verify(file);
        }
        return files;
    }

    /** Where each source's file would be, without looking at it (for rendering). */
    public static List<LocalFile> planned(Project project, List<SourceSpec> sources, String overrideBase) {
        List<LocalFile> files = new ArrayList<>();
        for (SourceSpec source : sources) {
            String uri = uriOf(source, overrideBase);
            if (uri.contains("://") && !uri.startsWith("file://")) {
                throw SessionException.config(source.location(), "source '" + source.name() + "' reads " + uri
                        + ", a scheme this build cannot load", "use a local path relative to the project");
            }
            Path path = project.dir().resolve(uri.startsWith("file://") ? uri.substring(7) : uri).normalize();
            files.add(new LocalFile(source, path, project.display(path)));
        }
        return files;
    }
}
