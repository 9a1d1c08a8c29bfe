package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Dialect;
import dev.sessionplugin.core.report.Progress;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns each source's {@code uri} into complete local files the engine can load: local files as they are, S3
 * objects downloaded into {@code target/session/extract/}. {@code -Dsession.sources=<base>} reads the same file
 * names from another folder or S3 prefix.
 */
public final class SourceFiles {

    private final Project project;
    private final Path extractDir;
    private final RunOptions options;
    private final Progress progress;
    private final Dialect engine;

    /** @param engine the target; sources it reads itself (S3 through a stage) are not downloaded */
    public SourceFiles(Project project, Path buildDir, RunOptions options, Progress progress, Dialect engine) {
        this.project = project;
        this.extractDir = buildDir.resolve("session").resolve("extract");
        this.options = options;
        this.progress = progress;
        this.engine = engine;
    }

    /** The URI a source is read from, after applying the override base, if any. */
    public static String uriOf(SourceSpec source, String overrideBase) {
        if (overrideBase == null || overrideBase.isBlank()) {
            return source.uri();
        }
        String base = overrideBase.endsWith("/") ? overrideBase : overrideBase + "/";
        if (source.uri().endsWith("/")) {
            return base;
        }
        return base + source.uri().substring(source.uri().lastIndexOf('/') + 1);
    }

    /** The files ready to load: downloaded where remote, each present and with the declared header. */
    public List<LocalFile> resolve(List<SourceSpec> sources, String overrideBase) {
        List<LocalFile> files = new ArrayList<>();
        Manifest manifest = Manifest.load(extractDir.resolve("manifest.json"));
        int downloaded = 0;
        int skipped = 0;
        S3Extractor s3 = null;
        try {
            for (SourceSpec source : sources) {
                String uri = uriOf(source, overrideBase);
                List<LocalFile> found;
                if (engine.readsRemote(uri)) {
                    files.addAll(remote(source, uri));
                    continue;
                }
                if (S3Uri.is(uri)) {
                    s3 = s3 == null ? new S3Extractor(options, progress) : s3;
                    found = new ArrayList<>();
                    for (S3Uri object : objects(s3, source, uri)) {
                        Path local = extractDir.resolve(object.bucket()).resolve(object.key());
                        if (s3.fetch(object, local, manifest, source.location())) {
                            downloaded++;
                        } else {
                            skipped++;
                        }
                        found.add(new LocalFile(source, local, object.toString()));
                    }
                } else {
                    found = local(source, uri, overrideBase, true);
                }
                for (LocalFile file : found) {
                    CsvHeader.verify(file);
                }
                files.addAll(found);
            }
        } finally {
            if (s3 != null) {
                manifest.save();
                s3.close();
            }
            if (downloaded + skipped > 0) {
                progress.info("extract " + (downloaded + skipped) + " object(s): " + downloaded + " downloaded, "
                        + skipped + " unchanged");
            }
        }
        return files;
    }

    /** Where each source's files would be, without touching them or the network (for rendering). */
    public List<LocalFile> planned(List<SourceSpec> sources, String overrideBase) {
        List<LocalFile> files = new ArrayList<>();
        for (SourceSpec source : sources) {
            String uri = uriOf(source, overrideBase);
            if (engine.readsRemote(uri)) {
                files.addAll(remote(source, uri));
            } else if (S3Uri.is(uri)) {
                S3Uri object = S3Uri.parse(uri, source.location());
                String key = object.isPrefix() ? object.key() + (source.pattern() == null ? "*" : source.pattern())
                        : object.key();
                files.add(new LocalFile(source, extractDir.resolve(object.bucket()).resolve(key), uri));
            } else {
                files.addAll(local(source, uri, overrideBase, false));
            }
        }
        return files;
    }

    /** Files the engine reads itself: nothing to download; a folder needs a pattern-free file name per source. */
    private List<LocalFile> remote(SourceSpec source, String uri) {
        if (uri.endsWith("/")) {
            throw SessionException.config(source.location(), "source '" + source.name() + "': " + engine.name()
                    + " loads named files through a stage, not a folder (" + uri + ")", "give the source a file uri");
        }
        return List.of(new LocalFile(source, null, uri));
    }

    private List<S3Uri> objects(S3Extractor s3, SourceSpec source, String uri) {
        S3Uri parsed = S3Uri.parse(uri, source.location());
        if (!parsed.isPrefix()) {
            return List.of(parsed);
        }
        List<S3Uri> objects = s3.list(parsed, source.pattern(), source.location());
        if (objects.isEmpty()) {
            throw SessionException.data(source.location(), "source '" + source.name() + "': no object under " + uri
                    + " matches '" + (source.pattern() == null ? "*" : source.pattern()) + "'",
                    "check the prefix and the source's pattern");
        }
        return objects;
    }

    private List<LocalFile> local(SourceSpec source, String uri, String overrideBase, boolean mustExist) {
        if (uri.contains("://") && !uri.startsWith("file://")) {
            throw SessionException.config(source.location(), "source '" + source.name() + "' reads " + uri
                    + ", a scheme this plugin cannot load", "use a local path, or s3://bucket/key");
        }
        Path path = project.dir().resolve(uri.startsWith("file://") ? uri.substring(7) : uri).normalize();
        if (!uri.endsWith("/")) {
            if (mustExist && !Files.isRegularFile(path)) {
                throw SessionException.data(source.location(), "source '" + source.name() + "': file "
                        + project.display(path) + " does not exist", "check 'uri' of '" + source.name()
                        + "' in pipeline.yaml" + (overrideBase == null ? "" : " and -Dsession.sources=" + overrideBase));
            }
            return List.of(new LocalFile(source, path, project.display(path)));
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:"
                + (source.pattern() == null ? "*.csv" : source.pattern()));
        List<LocalFile> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                list.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted()
                        .forEach(p -> files.add(new LocalFile(source, p, project.display(p))));
            } catch (IOException e) {
                throw SessionException.io(Location.of(project.display(path)), "cannot list: " + e.getMessage(), null, e);
            }
        }
        if (mustExist && files.isEmpty()) {
            throw SessionException.data(source.location(), "source '" + source.name() + "': no file in "
                    + project.display(path) + " matches '" + (source.pattern() == null ? "*.csv" : source.pattern())
                    + "'", "check the folder and the source's pattern");
        }
        return files;
    }
}
