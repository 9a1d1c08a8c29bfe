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

    /** Copies every published table of the work file into a new serving file and swaps it in. */
    void publish(Warehouse warehouse, Statements st) {
        Dialect d = st.dialect();
        String published = st.schemas().published();
        if (!warehouse.executes()) {
            List.of("serving_attach", "serving_create_schema", "serving_checkpoint", "serving_detach").forEach(t ->
                    warehouse.files().write(st.sql("swap", "serving", t, context(d, temp(), published, null))));
            return;
        }
        removeStaleTemps();
        Path temp = temp();
        Map<String, Object> attach = context(d, temp, published, null);
        attach.put("small", warehouse.queryLong(st.sql("swap", "serving", "serving_rows", Map.of())) < SMALL_ROWS);
        warehouse.update(st.sql("swap", "serving", "serving_attach", attach));
        try {
            List<Sql> copies = new ArrayList<>();
            for (String schema : st.publishedSchemas()) {
                warehouse.update(st.sql("swap", "serving", "serving_create_schema", context(d, temp, schema, null))
                        .named("serving_create_schema." + schema));
                for (String table : publishedTables(warehouse, st, schema)) {
                    copies.add(st.sql("swap", "serving", "serving_copy_table", context(d, temp, schema, table))
                            .named("copy." + table));
                }
            }
            copy(warehouse, copies);
            warehouse.update(st.sql("swap", "serving", "serving_checkpoint", context(d, temp, published, null)));
        } finally {
            warehouse.update(st.sql("swap", "serving", "serving_detach", context(d, temp, published, null)));
        }
        promote(temp);
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
        return warehouse.queryRows(st.sql("swap", "serving", "published_tables", Map.of("schema_name",
                st.dialect().literal(schema))).named("published_tables." + schema), 100_000).stream()
                .map(row -> String.valueOf(row.values().iterator().next())).toList();
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
