package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded target's serving file: only the published tables, for readers such as Superset. A published view
 * is copied as a table of its rows: what it reads (staging tables, other schemas) is not in this file. DuckDB lets one
 * process hold a file read-write and blocks writers while anyone has it open, so a run never opens this file:
 * it writes a complete new one under a temporary name and renames it over the old. A reader with the old file
 * open keeps reading that version; a new connection sees the new one; there is never a missing or half file.
 */
final class ServingFile {

    private static final String ALIAS = "session_serving";

    /**
     * Below this many rows in the work file the serving file gets 16 KiB blocks: 1,000 tables of 200 rows then
     * take 17 MB and a third of the checkpoint instead of 260 MB; a 10 M-row table would write 1.75x slower.
     */
    static final long SMALL_ROWS = 1_000_000;

    private final Path file;

    ServingFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Copies every published relation of the work file into a new serving file and swaps it in. */
    void publish(Warehouse warehouse, Statements st) {
        publish(warehouse, st, Map.of(), Map.of());
    }

    /**
     * Brings the serving file to the work file's published relations. When the present serving file has tables
     * whose version is still the work file's, or whose previous version a batch of this publish was applied to, a
     * copy of it is updated (only changed tables are copied, batches applied); otherwise a new file is written.
     * Either way the result is swapped in whole.
     *
     * @param before  the work file's versions before this publish
     * @param batches the batches this publish applied to published tables, by {@link ServingVersions#key}
     */
    void publish(Warehouse warehouse, Statements st, Map<String, String> before,
                 Map<String, Dialect.BatchApply> batches) {
        Dialect d = st.dialect();
        String published = st.schemas().published();
        if (!warehouse.executes()) {
            List.of("serving_attach", "serving_create_schema", "serving_checkpoint", "serving_detach").forEach(t ->
                    warehouse.files().write(st.sql("swap", "serving", t, context(d, temp(), published, null))));
            return;
        }
        removeStaleTemps();
        Map<String, String> now = new java.util.HashMap<>(ServingVersions.ofWork(warehouse, st));
        Map<String, String> served = ServingVersions.ofServing(file);
        Map<String, Map<String, Boolean>> relations = new java.util.LinkedHashMap<>();
        for (String schema : st.publishedSchemas()) {
            relations.put(schema, published(warehouse, st, schema));
        }
        Update update = Update.plan(relations, now, served, before, batches);
        Map<String, String> unversioned = update.unversioned(now);
        ServingVersions.recordWork(warehouse, st, unversioned); // what is copied now is what the version stands for
        now.putAll(unversioned);
        Path temp = temp();
        boolean reuse = update.reusesAny() && copyOf(file, temp);
        Map<String, Object> attach = context(d, temp, published, null);
        attach.put("small", !reuse
                && warehouse.queryLong(st.sql("swap", "serving", "serving_rows", Map.of())) < SMALL_ROWS);
        warehouse.update(st.sql("swap", "serving", "serving_attach", attach));
        try {
            if (reuse) {
                dropUnwanted(warehouse, st, temp, update);
            }
            List<Sql> copies = new ArrayList<>();
            List<Sql> applies = new ArrayList<>();
            for (var schema : relations.entrySet()) {
                warehouse.update(st.sql("swap", "serving", "serving_create_schema", context(d, temp, schema.getKey(),
                        null)).named("serving_create_schema." + schema.getKey()));
                for (String table : schema.getValue().keySet()) {
                    String key = ServingVersions.key(schema.getKey(), table);
                    if (!reuse || update.copy.contains(key)) {
                        copies.add(st.sql("swap", "serving", "serving_copy_table", context(d, temp, schema.getKey(),
                                table)).named("copy." + table));
                    } else if (update.apply.containsKey(key)) {
                        applies.addAll(update.apply.get(key).to(d.identifier(ALIAS) + "."
                                + d.relation(schema.getKey(), table)));
                    }
                }
            }
            inOneTransaction(warehouse, applies); // in order, on one connection: a delete+insert is two statements
            copy(warehouse, copies);
            warehouse.update(st.sql("swap", "serving", "serving_checkpoint", context(d, temp, published, null)));
        } finally {
            warehouse.update(st.sql("swap", "serving", "serving_detach", context(d, temp, published, null)));
        }
        promote(temp);
        try {
            ServingVersions.recordServing(file, update.servedAfter(now));
        } catch (IOException e) { // the next publish then writes the file whole: slower, never wrong
            removeRecord();
        }
    }

    /**
     * What a publish does to each published relation of a copy of the present serving file: keep it (same
     * version), apply this publish's batch to it (it holds the version the batch was applied to), or copy it
     * (views always: their rows follow what they read).
     */
    private record Update(java.util.Set<String> keep, Map<String, Dialect.BatchApply> apply,
                          java.util.Set<String> copy, java.util.Set<String> all) {

        static Update plan(Map<String, Map<String, Boolean>> relations, Map<String, String> now,
                           Map<String, String> served, Map<String, String> before,
                           Map<String, Dialect.BatchApply> batches) {
            Update u = new Update(new java.util.HashSet<>(), new java.util.HashMap<>(), new java.util.HashSet<>(),
                    new java.util.HashSet<>());
            relations.forEach((schema, tables) -> tables.forEach((table, view) -> {
                String key = ServingVersions.key(schema, table);
                String version = view ? null : served.get(key);
                if (!view) {
                    u.all.add(key);
                }
                if (version != null && version.equals(now.get(key))) {
                    u.keep.add(key);
                } else if (version != null && batches.containsKey(key) && version.equals(before.get(key))) {
                    u.apply.put(key, batches.get(key));
                } else {
                    u.copy.add(key);
                }
            }));
            return u;
        }

        boolean reusesAny() {
            return !keep.isEmpty() || !apply.isEmpty();
        }

        /** Copied tables the work file has no version for yet (published before versions were kept). */
        Map<String, String> unversioned(Map<String, String> now) {
            Map<String, String> out = new java.util.HashMap<>();
            copy.stream().filter(k -> all.contains(k) && !now.containsKey(k))
                    .forEach(k -> out.put(k, ServingVersions.fresh()));
            return out;
        }

        /** The versions the new serving file holds. */
        Map<String, String> servedAfter(Map<String, String> now) {
            Map<String, String> out = new java.util.HashMap<>();
            all.stream().filter(now::containsKey).forEach(k -> out.put(k, now.get(k)));
            return out;
        }
    }

    /** Drops from the copy what is copied anew, and what is no longer published. */
    private static void dropUnwanted(Warehouse warehouse, Statements st, Path temp, Update update) {
        Dialect d = st.dialect();
        List<Sql> drops = new ArrayList<>();
        for (Map<String, Object> row : warehouse.queryRows(st.sql("swap", "serving", "serving_tables",
                Map.of("database", d.literal(ALIAS))), 10_000_000)) {
            String schema = String.valueOf(Warehouse.value(row, "schema_name"));
            String table = String.valueOf(Warehouse.value(row, "table_name"));
            String key = ServingVersions.key(schema, table);
            if (!update.keep.contains(key) && !update.apply.containsKey(key)) {
                drops.add(st.sql("swap", "serving", "serving_drop_table", context(d, temp, schema, table))
                        .named("drop." + table));
            }
        }
        inOneTransaction(warehouse, drops);
    }

    private static boolean copyOf(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            to.toFile().delete();
            return false; // written whole instead
        }
    }

    private void removeRecord() {
        file.resolveSibling(file.getFileName() + ".versions").toFile().delete();
    }

    /** From this many tables on, two connections copy half each: the engine's work per statement dominates. */
    static final int TWO_CONNECTIONS_FROM = 64;

    /**
     * Copies into the serving file, each connection's share in one transaction (a commit each cost more than
     * copying a small table). The connections create different tables, so their transactions never conflict.
     */
    private static void copy(Warehouse warehouse, List<Sql> copies) {
        if (copies.size() < TWO_CONNECTIONS_FROM) {
            inOneTransaction(warehouse, copies);
            return;
        }
        List<Sql> even = new ArrayList<>();
        List<Sql> odd = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            (i % 2 == 0 ? even : odd).add(copies.get(i));
        }
        try (Warehouse second = warehouse.fork()) {
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> inOneTransaction(second, odd));
            try {
                inOneTransaction(warehouse, even);
            } finally {
                try {
                    other.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
    }

    private static void inOneTransaction(Warehouse warehouse, List<Sql> copies) {
        warehouse.inTransaction(() -> {
            copies.forEach(warehouse::update);
            return null;
        });
    }

    /** The published tables and views of one schema (not shadows, retired tables or batches). */
    static List<String> publishedTables(Warehouse warehouse, Statements st, String schema) {
        return List.copyOf(published(warehouse, st, schema).keySet());
    }

    /** {@link #publishedTables}, each with whether it is a view. */
    private static Map<String, Boolean> published(Warehouse warehouse, Statements st, String schema) {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : warehouse.queryRows(st.sql("swap", "serving", "published_tables",
                Map.of("schema_name", st.dialect().literal(schema))).named("published_tables." + schema), 100_000)) {
            out.put(String.valueOf(Warehouse.value(row, "table_name")),
                    "VIEW".equals(String.valueOf(Warehouse.value(row, "table_type"))));
        }
        return out;
    }

    private static Map<String, Object> context(Dialect d, Path temp, String schema, String table) {
        Map<String, Object> context = new java.util.HashMap<>(Map.of("file", d.literal(temp.toString()),
                "alias", d.identifier(ALIAS), "schema", d.identifier(schema), "small", false));
        if (table != null) {
            context.put("table", d.identifier(table));
            context.put("source", d.relation(schema, table));
        }
        return context;
    }

    private Path temp() {
        return file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    }

    private void promote(Path temp) {
        try {
            if (Files.exists(temp.resolveSibling(temp.getFileName() + ".wal"))) {
                throw new IOException("the new serving file still has a write-ahead log after CHECKPOINT");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot replace the serving file: "
                    + e.getMessage(), "the previous serving file is intact; check the folder is writable and run "
                    + "again", e);
        }
    }

    boolean hasStaleTemps() {
        try {
            return !staleTemps().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    /** A killed run can leave its temporary file behind; runs hold the run lock, so any temp found is stale. */
    void removeStaleTemps() {
        try {
            for (Path stale : staleTemps()) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot remove a stale temporary serving file: "
                    + e.getMessage(), "delete " + file.getFileName() + ".tmp-* by hand", e);
        }
    }

    private List<Path> staleTemps() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<Path> found = new java.util.ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, file.getFileName() + ".tmp-*")) {
                stale.forEach(found::add);
            }
        }
        return found;
    }
}
