package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.warehouse.Warehouse;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which version of each published table the work file and the serving file hold, so a publish copies into the
 * serving file only the tables that changed. The work file records a new random version for a table each time a
 * publish writes it (in the publish's transaction). The serving file's versions sit beside it, with the size, time
 * and inode of the file they describe: a serving file replaced or written by anything else matches none of them
 * and is written whole, as is one whose record is missing. A work file made anew has versions that match nothing.
 */
final class ServingVersions {

    private static final String IDENTITY = "#file";

    private ServingVersions() {
    }

    /** schema.table, as the versions name a relation. */
    static String key(String schema, String table) {
        return schema + "." + table;
    }

    /** The work file's version of each published table (the record is created on first use). */
    static Map<String, String> ofWork(Warehouse warehouse, Statements st) {
        Map<String, Object> table = table(st);
        warehouse.update(st.sql("swap", "serving", "published_versions_create", table));
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> row : warehouse.queryRows(st.sql("swap", "serving", "published_versions_read", table),
                10_000_000)) {
            out.put(String.valueOf(Warehouse.value(row, "relation")), String.valueOf(Warehouse.value(row, "version")));
        }
        return out;
    }

    /** Records new versions in the work file, one statement per batch. */
    static void recordWork(Warehouse warehouse, Statements st, Map<String, String> versions) {
        Dialect d = st.dialect();
        int n = 0;
        for (List<String> batch : Statements.batches(new TreeMap<>(versions).keySet())) {
            List<Map<String, Object>> rows = batch.stream().map(rel -> Map.<String, Object>of(
                    "relation", d.literal(rel), "version", d.literal(versions.get(rel)))).toList();
            Map<String, Object> context = new HashMap<>(table(st));
            context.put("rows", Statements.rows(rows));
            warehouse.update(st.sql("swap", "serving", "published_versions_write", context)
                    .named(Statements.batchName("published_versions_write", n++)));
        }
    }

    static String fresh() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The versions the serving file was written with; empty when there is no record of exactly this file. */
    static Map<String, String> ofServing(Path serving) {
        Path record = recordOf(serving);
        if (!Files.isRegularFile(record) || !Files.isRegularFile(serving)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(record)) {
            props.load(in);
            if (!identity(serving).equals(props.getProperty(IDENTITY))) {
                return Map.of();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Map.of(); // unreadable: nothing is proven, the file is written whole
        }
        Map<String, String> out = new HashMap<>();
        props.stringPropertyNames().stream().filter(k -> !k.equals(IDENTITY)).forEach(k -> out.put(k,
                props.getProperty(k)));
        return out;
    }

    /** Records what the serving file now holds; written once it is in place, under a temporary name first. */
    static void recordServing(Path serving, Map<String, String> versions) throws IOException {
        Properties props = new Properties();
        versions.forEach(props::setProperty);
        props.setProperty(IDENTITY, identity(serving));
        Path record = recordOf(serving);
        Path temp = record.resolveSibling(record.getFileName() + ".part");
        try (Writer out = Files.newBufferedWriter(temp)) {
            props.store(out, "versions of the tables in " + serving.getFileName() + "; written by session:run");
        }
        Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path recordOf(Path serving) {
        return serving.resolveSibling(serving.getFileName() + ".versions");
    }

    private static String identity(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.size() + "/" + a.lastModifiedTime() + "/" + a.fileKey();
    }

    private static Map<String, Object> table(Statements st) {
        return Map.of("table", st.dialect().relation(st.schemas().meta(), "published_versions"));
    }
}
