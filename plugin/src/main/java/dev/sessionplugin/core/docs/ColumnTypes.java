package dev.sessionplugin.core.docs;

import dev.sessionplugin.core.compile.Catalog;
import dev.sessionplugin.core.compile.Compilation;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the pages' column types come from: the last compile's catalog when there is one; else what is published,
 * read from the copy readers open (DuckDB's serving file) without touching the run's own file; else nothing, and
 * the index says how to get them. Documentation never binds the project itself: {@code session:compile} does.
 */
final class ColumnTypes {

    /** Columns by model, and where they came from (for the index page's notes). */
    record Found(Map<String, List<Catalog.Column>> models, String origin) {
    }

    private ColumnTypes() {
    }

    static Found of(Path buildDir, Optional<Path> readerCopy, Warehouse engine, Statements st, Set<String> models) {
        Catalog compiled = Compilation.last(buildDir);
        if (compiled != null) {
            Map<String, List<Catalog.Column>> out = new HashMap<>();
            compiled.models().forEach((name, node) -> out.put(name, node.columns()));
            return new Found(out, null);
        }
        if (readerCopy.isPresent() && Files.isRegularFile(readerCopy.get())) {
            engine.update(st.sql("docs", "types", "docs_attach_published",
                    Map.of("file", st.dialect().literal(readerCopy.get().toAbsolutePath().toString()))));
            Map<String, List<Catalog.Column>> out = new HashMap<>();
            for (Map<String, Object> row : engine.queryRows(st.sql("docs", "types", "docs_published_columns",
                    Map.of()), Integer.MAX_VALUE)) {
                String table = String.valueOf(Warehouse.value(row, "table_name"));
                String schema = String.valueOf(Warehouse.value(row, "table_schema"));
                if (models.contains(table) && st.schemaOf(table).equalsIgnoreCase(schema)) {
                    out.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Column(
                            String.valueOf(Warehouse.value(row, "column_name")),
                            String.valueOf(Warehouse.value(row, "data_type"))));
                }
            }
            return new Found(out, "column types are those of the published tables (no compile catalog; "
                    + "mvn session:compile gives every model's, unpublished ones too)");
        }
        return new Found(Map.of(), "column types are unknown: run mvn session:compile (offline) for them");
    }

    static String key(String schema, String table) {
        return (schema + "." + table).toLowerCase(Locale.ROOT);
    }
}
