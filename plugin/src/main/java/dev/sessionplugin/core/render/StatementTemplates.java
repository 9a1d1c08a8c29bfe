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
 * The statements a dialect runs, from {@code templates/<dialect>/<name>.sql.mustache}: the project's own file if
 * it has one, else the one shipped in the plugin. Java passes quoted identifiers and literals; the SQL is here.
 */
public final class StatementTemplates {

    private static final String ROOT = "templates/";

    private final String dialect;
    private final Path projectTemplates;
    private final SqlTemplates templates = new SqlTemplates();
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    public StatementTemplates(String dialect, Path projectDir) {
        this.dialect = dialect;
        this.projectTemplates = projectDir.resolve("templates").resolve(dialect);
    }

    public String render(String name, Map<String, Object> context) {
        return SqlTemplates.execute(compiled.computeIfAbsent(name, this::load), context);
    }

    /** Where a statement's SQL comes from, for messages: the project's override or the shipped template. */
    public String origin(String name) {
        Path own = projectTemplates.resolve(name + ".sql.mustache");
        return Files.isRegularFile(own) ? ROOT + dialect + "/" + name + ".sql.mustache (project)"
                : ROOT + dialect + "/" + name + ".sql.mustache";
    }

    private Mustache load(String name) {
        String file = name + ".sql.mustache";
        Path own = projectTemplates.resolve(file);
        String display = ROOT + dialect + "/" + file;
        try {
            if (Files.isRegularFile(own)) {
                try (Reader reader = Files.newBufferedReader(own, StandardCharsets.UTF_8)) {
                    return templates.compile(reader, display);
                }
            }
            InputStream shipped = StatementTemplates.class.getClassLoader().getResourceAsStream(display);
            if (shipped == null) {
                throw SessionException.config(Location.of(display), "no statement template '" + name
                        + "' for target " + dialect, "add " + display + " to the project, or use a shipped target");
            }
            try (Reader reader = new InputStreamReader(shipped, StandardCharsets.UTF_8)) {
                return templates.compile(reader, display);
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of(display), "cannot read template: " + e.getMessage(), null, e);
        }
    }
}
