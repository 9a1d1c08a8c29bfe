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
        top.allowOnly("project", "target", "duckdb", "snowflake", "schemas", "sources", "models", "vars", "superset");

        String project = top.string("project", "session");
        Names.identifier(project, top.location("project"), "project name");
        String target = top.string("target", "duckdb");
        DuckDbSettings duckdb = top.map("duckdb").map(DescriptorReader::duckdb)
                .orElse(new DuckDbSettings(DuckDbSettings.DEFAULT_PATH, DuckDbSettings.DEFAULT_SERVING));
        SnowflakeSettings snowflake = top.map("snowflake").map(DescriptorReader::snowflake).orElse(SnowflakeSettings.NONE);
        Schemas schemas = schemas(top.map("schemas"));
        Map<String, SourceSpec> sources = sources(top);
        Map<String, ModelSpec> models = models(top);
        Map<String, Object> vars = top.map("vars").map(DescriptorReader::vars).orElse(Map.of());
        SupersetSpec superset = top.map("superset").map(SupersetReader::project).orElse(SupersetSpec.DEFAULTS);
        return new Descriptor(file, project, target, duckdb, snowflake, schemas, sources, models, vars, superset);
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
            model.allowOnly("checks", "description", "superset", "volatile", "tags");
            models.put(name, new ModelSpec(name, CheckReader.read(model, "checks", null),
                    model.map("superset").map(s -> SupersetReader.dataset(s, name)).orElse(null),
                    model.bool("volatile", false), model.has("tags") ? model.names("tags") : List.of(), at));
        }
        return models;
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
