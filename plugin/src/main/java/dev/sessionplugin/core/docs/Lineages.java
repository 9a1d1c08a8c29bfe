package dev.sessionplugin.core.docs;

import dev.sessionplugin.core.Planner.Published;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.lineage.ColumnLineage;
import dev.sessionplugin.core.lineage.ColumnLineage.Known;
import dev.sessionplugin.core.lineage.ColumnLineage.Traced;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column lineage of every model: the engine parses the SELECTs in batches (one query per few hundred models), then
 * each model is traced in dependency order, so the columns a model produces are known to the models that read it.
 */
final class Lineages {

    /** Models per parse query: big enough to cost little per model, small enough to keep a query modest. */
    private static final int BATCH = 400;

    /** A model's lineage, or why there is none (the engine could not parse its SELECT). */
    record Lineage(List<Traced> columns, String problem) {
    }

    private Lineages() {
    }

    /**
     * @param models   every model in dependency order, as published relations read each other
     * @param columns  what is known of each relation before tracing, by {@code schema.table} in lower case: the
     *                 sources, and the models the compile bound; a model the compile could not bind gets the
     *                 columns its own lineage names
     * @param relation each model's published relation key ({@code schema.table}, lower case)
     */
    static Map<String, Lineage> trace(Warehouse engine, Statements st, Map<String, Published> models,
                                      Map<String, Known> columns, Map<String, String> relation) {
        Map<String, String> trees = parse(engine, st, models);
        Map<String, Known> relations = new HashMap<>(columns);
        ColumnLineage.Relations lookup = (schema, table) -> relations.get(
                ((schema == null || schema.isEmpty() ? "" : schema + ".") + table).toLowerCase(Locale.ROOT));
        Map<String, Lineage> out = new LinkedHashMap<>();
        for (String model : models.keySet()) {
            try {
                List<Traced> traced = ColumnLineage.of(trees.get(model), lookup);
                out.put(model, new Lineage(traced, null));
                String key = relation.get(model);
                if (key != null && !relations.containsKey(key) && traced.stream().allMatch(t -> t.name() != null)) {
                    relations.put(key, new Known(Docs.modelId(model), traced.stream().map(Traced::name).toList()));
                }
            } catch (IllegalArgumentException e) {
                out.put(model, new Lineage(List.of(), "the engine could not parse the SELECT: " + e.getMessage()));
            }
        }
        return out;
    }

    private static Map<String, String> parse(Warehouse engine, Statements st, Map<String, Published> models) {
        List<String> names = new ArrayList<>(models.keySet());
        Map<String, String> trees = new HashMap<>();
        for (int from = 0; from < names.size(); from += BATCH) {
            List<String> part = names.subList(from, Math.min(names.size(), from + BATCH));
            List<Map<String, Object>> statements = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                statements.add(Map.of("n", i, "sql", st.dialect().literal(models.get(part.get(i)).sql()),
                        "last", i == part.size() - 1));
            }
            for (Map<String, Object> row : engine.queryRows(st.sql("docs", "lineage", "docs_parse_trees",
                    Map.of("statements", statements)), Integer.MAX_VALUE)) {
                int n = ((Number) Warehouse.value(row, "n")).intValue();
                trees.put(part.get(n), String.valueOf(Warehouse.value(row, "tree")));
            }
        }
        return trees;
    }
}
