package dev.sessionplugin.core.render;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SqlFile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.mustachejava.Mustache;

/**
 * Renders model and custom-check templates. {@code {{#ref}}m{{/ref}}} and {@code {{#source}}s{{/source}}} turn into
 * relation names through a {@link Resolver} and are collected, which is how the dependency graph is found.
 */
public final class ModelRenderer {

    /** Turns a referenced name into the relation to read; throws for a name that does not exist. */
    public interface Resolver {
        String model(String name, Location at);

        String source(String name, Location at);
    }

    /** A rendered template and what it read. */
    public record Rendered(String sql, Set<String> models, Set<String> sources) {
    }

    private static final Pattern QUERY_START = Pattern.compile(
            "(?is)^(\\s*(--[^\\n]*\\n|/\\*.*?\\*/))*\\s*\\(*\\s*(select|with|from|values|table)\\b.*");

    private final Templates templates;
    private final Map<String, Object> base;

    /** @param vars the descriptor's {@code vars:}; @param target the target's name, offered as {@code target.<name>} */
    public ModelRenderer(Map<String, Object> vars, String target) {
        this(vars, target, null);
    }

    /** @param projectDir where {@code macros/} is, for {@code {{> name}}}; null when there are no macros */
    public ModelRenderer(Map<String, Object> vars, String target, java.nio.file.Path projectDir) {
        this.templates = projectDir == null ? Templates.sql() : Templates.sql(projectDir);
        this.base = Map.of("vars", vars, "target", Map.of("name", target, "duckdb", "duckdb".equals(target),
                "snowflake", "snowflake".equals(target)));
    }

    /**
     * How a model that keeps history is rendered: {@code {{#incremental}}…{{/incremental}}} is kept only on a run
     * that adds to the published table, and {@code {{this}}} names that table.
     *
     * @param incremental whether this rendering selects the new batch (true) or everything (false)
     * @param self        the model's published relation, for {@code {{this}}}
     */
    public record Mode(boolean incremental, String self) {
    }

    public Rendered render(SqlFile file, Mustache template, Resolver resolver) {
        return render(file, template, resolver, null);
    }

    public Mustache compile(SqlFile file) {
        try (Reader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            return templates.compile(reader, file.display());
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.display()), "cannot read: " + e.getMessage(), null, e);
        }
    }

    /** @param mode for a model that keeps history; null for any other template ({@code {{this}}} is unknown) */
    public Rendered render(SqlFile file, Mustache template, Resolver resolver, Mode mode) {
        Set<String> models = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        Map<String, Object> context = new HashMap<>(base);
        context.put("ref", (LocatedFunction) (body, at) -> {
            String name = body.strip();
            String relation = resolver.model(name, at);
            models.add(name);
            return relation;
        });
        context.put("source", (LocatedFunction) (body, at) -> {
            String name = body.strip();
            String relation = resolver.source(name, at);
            sources.add(name);
            return relation;
        });
        context.put("incremental", mode != null && mode.incremental());
        if (mode != null) {
            context.put("this", mode.self());
        }
        String sql = templates.execute(template, context);
        if (!QUERY_START.matcher(sql).matches()) {
            throw SessionException.config(Location.of(file.display(), 1), "'" + file.name()
                    + "' does not hold a query", "a model file holds only its SELECT (or WITH … SELECT); "
                    + "the plugin writes the CREATE TABLE around it");
        }
        return new Rendered(sql, models, sources);
    }
}
