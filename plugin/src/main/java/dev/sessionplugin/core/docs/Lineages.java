package dev.sessionplugin.core.docs;

import dev.sessionplugin.core.Planner.Published;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.lineage.ColumnLineage;
import dev.sessionplugin.core.lineage.ColumnLineage.Known;
import dev.sessionplugin.core.lineage.ColumnLineage.Traced;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Column lineage of every model: engines parse the SELECTs in batches (one query per few hundred models, one engine
 * per core), and each model is traced in dependency order, so the columns a model produces are known to the models
 * that read it.
 */
final class Lineages {

    /** Models per parse query: big enough to cost little per model, small enough to keep a query modest. */
    private static final int BATCH = 400;

    /** A model's lineage, or why there is none (the engine could not parse its SELECT). */
    record Lineage(List<Traced> columns, String problem) {
    }

    /** A parse tree read, or why it could not be. */
    private record Tree(JsonNode root, String problem) {
        static Tree of(String serialized) {
            try {
                return new Tree(ColumnLineage.parse(serialized), null);
            } catch (IllegalArgumentException e) {
                return new Tree(null, e.getMessage());
            }
        }
    }

    private Lineages() {
    }

    /**
     * @param engines  one engine per core to parse with (parsing needs no tables: each may be its own database)
     * @param models   every model in dependency order, as published relations read each other
     * @param columns  what is known of each relation before tracing, by {@code schema.table} in lower case: the
     *                 sources, and the models whose types are known; any other model gets the columns its own
     *                 lineage names
     * @param relation each model's published relation key ({@code schema.table}, lower case)
     */
    static Map<String, Lineage> trace(List<Warehouse> engines, Statements st, Map<String, Published> models,
                                      Map<String, Known> columns, Map<String, String> relation) {
        Map<String, Known> relations = new HashMap<>(columns);
        ColumnLineage.Relations lookup = (schema, table) -> relations.get(
                ((schema == null || schema.isEmpty() ? "" : schema + ".") + table).toLowerCase(Locale.ROOT));
        Map<String, Lineage> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(models.keySet());
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < names.size(); from += BATCH) {
            batches.add(names.subList(from, Math.min(names.size(), from + BATCH)));
        }
        // the engines parse batches ahead while this thread traces, in dependency order, what they parsed
        BlockingQueue<Warehouse> idle = new LinkedBlockingQueue<>(engines);
        ExecutorService pool = Executors.newFixedThreadPool(engines.size());
        try {
            Deque<Future<Map<String, Tree>>> ahead = new ArrayDeque<>();
            int next = 0;
            for (List<String> part : batches) {
                while (next < batches.size() && ahead.size() <= engines.size()) {
                    List<String> batch = batches.get(next++);
                    ahead.add(pool.submit(() -> {
                        Warehouse engine = idle.take();
                        try {
                            Map<String, Tree> read = new HashMap<>();
                            parse(engine, st, models, batch).forEach((model, tree) -> read.put(model, Tree.of(tree)));
                            return read;
                        } finally {
                            idle.add(engine);
                        }
                    }));
                }
                Map<String, Tree> read = done(ahead.removeFirst());
                for (String model : part) {
                    Tree tree = read.get(model);
                    if (tree.problem() != null) {
                        out.put(model, new Lineage(List.of(), "the engine could not parse the SELECT: "
                                + tree.problem()));
                        continue;
                    }
                    List<Traced> traced = ColumnLineage.of(tree.root(), lookup);
                    out.put(model, new Lineage(traced, null));
                    String key = relation.get(model);
                    if (key != null && !relations.containsKey(key)
                            && traced.stream().allMatch(t -> t.name() != null)) {
                        relations.put(key, new Known(Docs.modelId(model), traced.stream().map(Traced::name)
                                .toList()));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static <T> T done(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing models", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a SessionException from the engine, as the caller knows it
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Map<String, String> parse(Warehouse engine, Statements st, Map<String, Published> models,
                                             List<String> part) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            statements.add(Map.of("n", i, "sql", st.dialect().literal(models.get(part.get(i)).sql()),
                    "last", i == part.size() - 1));
        }
        Map<String, String> trees = new HashMap<>();
        for (Map<String, Object> row : engine.queryRows(st.sql("docs", "lineage", "docs_parse_trees",
                Map.of("statements", statements)), Integer.MAX_VALUE)) {
            int n = ((Number) Warehouse.value(row, "n")).intValue();
            trees.put(part.get(n), String.valueOf(Warehouse.value(row, "tree")));
        }
        return trees;
    }
}
