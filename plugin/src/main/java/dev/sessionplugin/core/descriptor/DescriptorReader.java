package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.Descriptor.DuckDbSettings;
import dev.sessionplugin.core.descriptor.Descriptor.Schemas;
import dev.sessionplugin.core.descriptor.SourceSpec.ColumnSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code pipeline.yaml} into a {@link Descriptor}, rejecting unknown keys and wrong types with their line. */
public final class DescriptorReader {

    private DescriptorReader() {
    }

    public static Descriptor read(Path file, String displayName) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, displayName);
        } catch (NoSuchFileException e) {
            throw SessionException.config(Location.of(displayName), "pipeline descriptor not found",
                    "create " + displayName + " at the project root (see the sample project), or point "
                            + "-Dsession.descriptor at it");
        } catch (IOException e) {
            throw SessionException.io(Location.of(displayName), "cannot read the descriptor: " + e.getMessage(),
                    null, e);
        }
    }

    public static Descriptor parse(Reader reader, String file) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw SessionException.config(at, "invalid YAML: " + e.getProblem(),
                    "check the indentation and quoting around this line");
        }
        if (root == null) {
            throw SessionException.config(Location.of(file), "the descriptor is empty",
                    "declare at least 'sources:' (see the sample project's pipeline.yaml)");
        }
        YamlMap top = YamlMap.of(file, "", root);
        top.allowOnly("project", "target", "duckdb", "snowflake", "schemas", "sources", "models", "folders", "vars",
                "superset");

        String project = top.string("project", "session");
        Names.identifier(project, top.location("project"), "project name");
        String target = top.string("target", "duckdb");
        DuckDbSettings duckdb = top.map("duckdb").map(DescriptorReader::duckdb)
                .orElse(new DuckDbSettings(DuckDbSettings.DEFAULT_PATH, DuckDbSettings.DEFAULT_SERVING));
        SnowflakeSettings snowflake = top.map("snowflake").map(DescriptorReader::snowflake).orElse(SnowflakeSettings.NONE);
        Schemas schemas = schemas(top.map("schemas"));
        Map<String, SourceSpec> sources = sources(top);
        Map<String, ModelSpec> models = models(top);
        Map<String, ModelSpec.FolderDefaults> folders = top.map("folders").map(DescriptorReader::folders)
                .orElse(Map.of());
        requireOwnSchemas(schemas, models, folders);
        Map<String, Object> vars = top.map("vars").map(DescriptorReader::vars).orElse(Map.of());
        SupersetSpec superset = top.map("superset").map(SupersetReader::project).orElse(SupersetSpec.DEFAULTS);
        return new Descriptor(file, project, target, duckdb, snowflake, schemas, sources, models, folders, vars,
                superset);
    }

    private static DuckDbSettings duckdb(YamlMap map) {
        map.allowOnly("path", "serving");
        String path = map.string("path", DuckDbSettings.DEFAULT_PATH);
        String serving = map.string("serving", DuckDbSettings.DEFAULT_SERVING);
        if (java.nio.file.Path.of(path).normalize().equals(java.nio.file.Path.of(serving).normalize())) {
            throw SessionException.config(map.location("serving"), "the serving file must differ from the work file",
                    "readers open the serving file; the run writes the work file (e.g. target/session-serving.duckdb)");
        }
        return new DuckDbSettings(path, serving);
    }

    private static SnowflakeSettings snowflake(YamlMap map) {
        map.allowOnly("account", "user", "role", "warehouse", "database", "url", "server", "sources",
                "storage_integration", "read_roles", "transient");
        for (String key : new String[] {"role", "warehouse", "database", "storage_integration"}) {
            String value = map.string(key, null);
            if (value != null) {
                Names.identifier(value, map.location(key), key.replace('_', ' '));
            }
        }
        String account = map.string("account", null);
        if (account != null && !account.matches("[A-Za-z0-9_.-]+")) {
            throw SessionException.config(map.location("account"), "invalid account identifier '" + account + "'",
                    "write <org>-<account> or <locator>.<region>.<cloud>, without .snowflakecomputing.com");
        }
        List<String> roles = map.names("read_roles");
        roles.forEach(r -> Names.identifier(r, map.location("read_roles"), "role"));
        return new SnowflakeSettings(account, map.string("user", null), map.string("role", null),
                map.string("warehouse", null), map.string("database", null), map.string("url", null),
                map.string("server", "snowflake"), map.string("sources", null), map.string("storage_integration", null),
                List.copyOf(roles), map.bool("transient", false));
    }

    private static Schemas schemas(java.util.Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return new Schemas("raw", "analytics", "audit", "session_meta");
        }
        YamlMap map = section.get();
        map.allowOnly("staging", "published", "audit", "meta");
        String[] names = {map.string("staging", "raw"), map.string("published", "analytics"),
                map.string("audit", "audit"), map.string("meta", "session_meta")};
        String[] keys = {"staging", "published", "audit", "meta"};
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            Names.identifier(names[i], map.location(keys[i]), "schema name");
            if (!seen.add(names[i].toLowerCase())) {
                throw SessionException.config(map.location(keys[i]), "schema '" + names[i] + "' is used twice",
                        "staging, published, audit and meta schemas must differ");
            }
        }
        return new Schemas(names[0], names[1], names[2], names[3]);
    }

    private static Map<String, SourceSpec> sources(YamlMap top) {
        Map<String, SourceSpec> sources = new LinkedHashMap<>();
        YamlMap section = top.map("sources").orElseThrow(() -> SessionException.config(top.location(),
                "no 'sources:' declared", "declare the CSV datasets to load (see the sample project)"));
        for (String name : section.keys()) {
            Location at = section.location(name);
            Names.identifier(name, at, "source name");
            YamlMap src = section.map(name).orElseThrow(() -> section.wrongType(name, "a mapping with uri and columns"));
            src.allowOnly("uri", "pattern", "table", "columns", "checks", "csv");
            String uri = src.requiredString("uri", "data/" + name + ".csv");
            String table = Names.identifier(src.string("table", name + "_table"), src.location("table"),
                    "table name");
            YamlMap cols = src.map("columns").orElseThrow(() -> SessionException.config(src.location(),
                    "'" + src.child("columns") + "' is required",
                    "list the CSV's columns in order with their types, e.g. 'sessionId: VARCHAR'"));
            List<ColumnSpec> columns = new ArrayList<>();
            for (String col : cols.keys()) {
                Names.identifier(col, cols.location(col), "column name");
                columns.add(new ColumnSpec(col, Names.type(cols.string(col, null), cols.location(col), col)));
            }
            if (columns.isEmpty()) {
                throw SessionException.config(src.location("columns"), "source '" + name + "' has no columns",
                        "list the CSV's columns in order with their types");
            }
            List<String> names = columns.stream().map(ColumnSpec::name).toList();
            String pattern = src.string("pattern", null);
            if (pattern != null && !uri.endsWith("/")) {
                throw SessionException.config(src.location("pattern"), "'pattern' needs a folder or prefix uri",
                        "end the uri with '/' (e.g. s3://bucket/exports/) or drop the pattern");
            }
            CsvFormat csv = src.map("csv").map(DescriptorReader::csv).orElse(CsvFormat.DEFAULT);
            sources.put(name, new SourceSpec(name, uri, pattern, table, List.copyOf(columns),
                    CheckReader.read(src, "checks", names), csv, at));
        }
        return sources;
    }

    private static CsvFormat csv(YamlMap csv) {
        csv.allowOnly("delimiter", "quote", "null", "header", "date_format", "timestamp_format", "encoding");
        CsvFormat d = CsvFormat.DEFAULT;
        String encoding = csv.string("encoding", d.encoding()).toLowerCase(java.util.Locale.ROOT);
        if (!CsvFormat.ENCODINGS.containsKey(encoding)) {
            throw SessionException.config(csv.location("encoding"), "unknown encoding '" + encoding + "'",
                    "use one of " + String.join(", ", new java.util.TreeSet<>(CsvFormat.ENCODINGS.keySet())));
        }
        return new CsvFormat(oneCharacter(csv, "delimiter", d.delimiter()), oneCharacter(csv, "quote", d.quote()),
                csv.string("null", d.nullString()), csv.bool("header", d.header()),
                csv.string("date_format", null), csv.string("timestamp_format", null), encoding);
    }

    private static String oneCharacter(YamlMap map, String key, String fallback) {
        String value = map.string(key, fallback);
        if (value.length() != 1) {
            throw SessionException.config(map.location(key), "'" + map.child(key) + "' must be one character, not '"
                    + value + "'", "e.g. " + key + ": \";\" (quoted, so YAML keeps it as written)");
        }
        return value;
    }

    private static Map<String, ModelSpec> models(YamlMap top) {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        YamlMap section = top.map("models").orElse(null);
        if (section == null) {
            return models;
        }
        for (String name : section.keys()) {
            Location at = section.location(name);
            Names.identifier(name, at, "model name");
            YamlMap model = section.map(name).orElse(null);
            if (model == null) {
                models.put(name, ModelSpec.bare(name, at));
                continue;
            }
            model.allowOnly("checks", "description", "superset", "volatile", "tags", "columns", "materialized",
                    "strategy", "unique_key", "updated_at", "check_cols", "schema");
            models.put(name, new ModelSpec(name, CheckReader.read(model, "checks", null),
                    model.map("superset").map(s -> SupersetReader.dataset(s, name)).orElse(null),
                    model.bool("volatile", false), model.has("tags") ? model.names("tags") : List.of(), at,
                    materialized(model, name), model.string("description", null), columnDescriptions(model),
                    schemaName(model)));
        }
        return models;
    }

    /** {@code folders:}: defaults for the models under a folder of {@code models/}, the deepest folder winning. */
    private static Map<String, ModelSpec.FolderDefaults> folders(YamlMap section) {
        Map<String, ModelSpec.FolderDefaults> folders = new LinkedHashMap<>();
        for (String path : section.keys()) {
            String folder = path.replace('\\', '/').replaceAll("^models/", "").replaceAll("/+$", "");
            YamlMap entry = section.map(path).orElseThrow(() -> section.wrongType(path,
                    "a mapping, e.g. 'materialized: view'"));
            entry.allowOnly("materialized", "tags", "volatile", "schema");
            folders.put(folder, new ModelSpec.FolderDefaults(folder, entry.has("materialized")
                    ? materialized(entry, folder) : null, entry.has("tags") ? entry.names("tags") : List.of(),
                    entry.bool("volatile", false), schemaName(entry), section.location(path)));
        }
        return folders;
    }

    private static String schemaName(YamlMap entry) {
        String schema = entry.string("schema", null);
        return schema == null ? null : Names.identifier(schema, entry.location("schema"), "schema name");
    }

    /** A model's own schema may be the published one, never one the run keeps other things in. */
    private static void requireOwnSchemas(Schemas schemas, Map<String, ModelSpec> models,
                                          Map<String, ModelSpec.FolderDefaults> folders) {
        Map<String, Location> named = new LinkedHashMap<>();
        models.values().stream().filter(m -> m.schema() != null).forEach(m -> named.put(m.schema(), m.location()));
        folders.values().stream().filter(f -> f.schema() != null).forEach(f -> named.put(f.schema(), f.location()));
        named.forEach((schema, at) -> {
            for (String taken : List.of(schemas.staging(), schemas.audit(), schemas.meta())) {
                if (schema.equalsIgnoreCase(taken)) {
                    throw SessionException.config(at, "schema '" + schema + "' holds the run's own tables (staging, "
                            + "audit or meta)", "publish models in a schema of their own, e.g. 'marts'");
                }
            }
        });
    }

    /** {@code materialized:} and its settings, checked against each other; null when the entry does not say. */
    private static Materialized materialized(YamlMap model, String name) {
        for (String key : List.of("strategy", "unique_key", "updated_at", "check_cols")) {
            if (model.has(key) && !model.has("materialized")) {
                throw SessionException.config(model.location(key), "'" + model.child(key) + "' needs "
                        + "'materialized: incremental' or 'materialized: snapshot'", "add the materialization");
            }
        }
        if (!model.has("materialized")) {
            return null;
        }
        Materialized.Kind kind = kind(model, name);
        List<String> key = model.names("unique_key");
        key.forEach(k -> Names.identifier(k, model.location("unique_key"), "unique_key column"));
        Materialized.Strategy strategy = null;
        if (kind == Materialized.Kind.INCREMENTAL) {
            String word = model.string("strategy", key.isEmpty() ? "append" : "merge");
            strategy = java.util.Arrays.stream(Materialized.Strategy.values()).filter(s -> s.word().equals(word))
                    .findFirst().orElseThrow(() -> SessionException.config(model.location("strategy"),
                            "unknown incremental strategy '" + word + "'", "use append, merge or delete+insert"));
            if (strategy != Materialized.Strategy.APPEND && key.isEmpty()) {
                throw SessionException.config(model.location("strategy"), "strategy " + word + " of model '" + name
                        + "' needs a unique_key", "add e.g. 'unique_key: sessionId' (a list for several columns)");
            }
        } else if (model.has("strategy")) {
            throw SessionException.config(model.location("strategy"), "'strategy' is for incremental models",
                    "remove it, or set 'materialized: incremental'");
        }
        String updatedAt = model.string("updated_at", null);
        List<String> checkCols = model.names("check_cols");
        if (kind == Materialized.Kind.SNAPSHOT) {
            if (key.isEmpty()) {
                throw SessionException.config(model.location("materialized"), "snapshot '" + name + "' needs a "
                        + "unique_key", "add 'unique_key: <column>' naming the entity whose history is kept");
            }
            if ((updatedAt == null) == checkCols.isEmpty()) {
                throw SessionException.config(model.location("materialized"), "snapshot '" + name + "' needs "
                        + "exactly one of updated_at and check_cols", "updated_at: <column> when rows say when they "
                        + "changed; check_cols: [a, b] to compare values");
            }
        } else if (updatedAt != null || !checkCols.isEmpty()) {
            throw SessionException.config(model.location(updatedAt != null ? "updated_at" : "check_cols"),
                    "'updated_at' and 'check_cols' are for snapshots", "remove it, or set 'materialized: snapshot'");
        } else if (!key.isEmpty() && kind != Materialized.Kind.INCREMENTAL) {
            throw SessionException.config(model.location("unique_key"), "'unique_key' is for incremental models "
                    + "and snapshots", "check uniqueness with '- unique: [...]' under checks:");
        }
        if (updatedAt != null) {
            Names.identifier(updatedAt, model.location("updated_at"), "updated_at column");
        }
        checkCols.forEach(c -> Names.identifier(c, model.location("check_cols"), "check_cols column"));
        return new Materialized(kind, strategy, List.copyOf(key), updatedAt, List.copyOf(checkCols));
    }

    private static Materialized.Kind kind(YamlMap model, String name) {
        String word = model.string("materialized", "table");
        return java.util.Arrays.stream(Materialized.Kind.values()).filter(k -> k.word().equals(word)).findFirst()
                .orElseThrow(() -> SessionException.config(model.location("materialized"), "unknown "
                        + "materialization '" + word + "' for '" + name + "'",
                        "use table, view, ephemeral, incremental or snapshot"));
    }

    /** {@code columns:} as {@code name: description} or {@code name: {description: ...}}. */
    private static Map<String, String> columnDescriptions(YamlMap model) {
        Map<String, String> out = new LinkedHashMap<>();
        YamlMap columns = model.map("columns").orElse(null);
        if (columns == null) {
            return Map.of();
        }
        for (String column : columns.keys()) {
            Names.identifier(column, columns.location(column), "column name");
            if (columns.node(column) instanceof MappingNode) {
                YamlMap entry = columns.map(column).orElseThrow();
                entry.allowOnly("description");
                out.put(column, entry.string("description", ""));
            } else {
                out.put(column, columns.string(column, ""));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> vars(YamlMap map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : map.keys()) {
            Names.identifier(key, map.location(key), "variable name");
            Node value = map.node(key);
            if (value instanceof MappingNode) {
                out.put(key, vars(map.map(key).orElseThrow()));
            } else if (value instanceof SequenceNode) {
                List<String> entries = map.names(key);
                List<ListItem> items = new java.util.ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    items.add(new ListItem(entries.get(i), i, i == 0, i == entries.size() - 1));
                }
                out.put(key, List.copyOf(items));
            } else if (value instanceof ScalarNode scalar) {
                out.put(key, scalar.getValue());
            }
        }
        return Map.copyOf(out);
    }
}
