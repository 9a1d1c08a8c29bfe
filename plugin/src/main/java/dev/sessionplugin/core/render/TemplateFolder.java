package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.Mustache;

/**
 * A folder of templates shipped in the plugin jar ({@code templates/duckdb/}, {@code superset/}), where a file of
 * the same name in the project's own folder wins. The SQL of every statement lives in such a folder; Java passes
 * quoted identifiers and literals in.
 */
public final class TemplateFolder {

    private final String folder;
    private final String suffix;
    private final Path projectFolder;
    private final Templates engine;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /**
     * @param folder the folder, the same in the jar and in the project, e.g. {@code templates/duckdb}
     * @param suffix what follows a template's name in its file name, e.g. {@code .sql.mustache}
     */
    public TemplateFolder(String folder, String suffix, Path projectDir, Templates engine) {
        this.folder = folder;
        this.suffix = suffix;
        this.projectFolder = projectDir.resolve(folder);
        this.engine = engine;
    }

    /** The statement templates of a target: {@code templates/<dialect>/<name>.sql.mustache}. */
    public static TemplateFolder statements(String dialect, Path projectDir) {
        return new TemplateFolder("templates/" + dialect, ".sql.mustache", projectDir, Templates.sql());
    }

    public String render(String name, Map<String, Object> context) {
        return engine.execute(compiled.computeIfAbsent(name, this::load), context);
    }

    /** How a template is named in messages. */
    public String display(String name) {
        return folder + "/" + name + suffix;
    }

    private Mustache load(String name) {
        Path own = projectFolder.resolve(name + suffix);
        String display = display(name);
        try {
            if (Files.isRegularFile(own)) {
                try (Reader reader = Files.newBufferedReader(own, StandardCharsets.UTF_8)) {
                    return engine.compile(reader, display);
                }
            }
            InputStream shipped = TemplateFolder.class.getClassLoader().getResourceAsStream(display);
            if (shipped == null) {
                throw SessionException.config(Location.of(display), "no template '" + name + "' in " + folder,
                        "add " + display + " to the project, or check the name");
            }
            try (Reader reader = new InputStreamReader(shipped, StandardCharsets.UTF_8)) {
                return engine.compile(reader, display);
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of(display), "cannot read template: " + e.getMessage(), null, e);
        }
    }
}
