package dev.sessionplugin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An offline check of a Superset v1 import bundle, written from the import schemas Superset 3.0 to 5.x accept
 * (the key set of 3.0.0, which every later release takes): required keys, no unknown keys, types and nulls,
 * lower-case UUIDs, links between files, and — for the weekly-active-users export — a COUNT(DISTINCT user id)
 * metric on a dataset with a temporal column, charted weekly as an ECharts line placed on a dashboard.
 */
public final class BundleValidator {

    /** key → kind, with '!' for required and '?' for nullable. */
    static final Map<String, String> DATABASE = rules("database_name str!", "sqlalchemy_uri str!", "password str?",
            "cache_timeout int?", "expose_in_sqllab bool", "allow_run_async bool", "allow_ctas bool", "allow_cvas bool",
            "allow_dml bool", "allow_csv_upload bool!", "extra map!", "uuid uuid!", "version str!",
            "is_managed_externally bool?", "external_url str?", "ssh_tunnel map?");
    static final Map<String, String> DATABASE_EXTRA = rules("metadata_params map", "engine_params map",
            "metadata_cache_timeout map", "schemas_allowed_for_csv_upload list", "cost_estimate_enabled bool",
            "allows_virtual_table_explore bool", "cancel_query_on_windows_unload bool", "disable_data_preview bool");
    static final Map<String, String> DATASET = rules("table_name str!", "main_dttm_col str?", "description str?",
            "default_endpoint str?", "offset int", "cache_timeout int?", "schema str?", "sql str?", "params map?",
            "template_params map?", "filter_select_enabled bool", "fetch_values_predicate str?", "extra jsonmap?",
            "uuid uuid!", "columns list", "metrics list", "version str!", "database_uuid uuid!", "data str",
            "is_managed_externally bool?", "external_url str?", "normalize_columns bool");
    static final Map<String, String> COLUMN = rules("column_name str!", "extra jsonmap?", "verbose_name str?",
            "is_dttm bool?", "is_active bool?", "type str?", "advanced_data_type str?", "groupby bool",
            "filterable bool", "expression str?", "description str?", "python_date_format str?");
    static final Map<String, String> METRIC = rules("metric_name str!", "verbose_name str?", "metric_type str?",
            "expression str!", "description str?", "d3format str?", "currency str?", "extra jsonmap?",
            "warning_text str?");
    static final Map<String, String> CHART = rules("slice_name str!", "description str?", "certified_by str?",
            "certification_details str?", "viz_type str!", "params map!", "query_context json?", "cache_timeout int?",
            "uuid uuid!", "version str!", "dataset_uuid uuid!", "is_managed_externally bool?", "external_url str?");
    static final Map<String, String> DASHBOARD = rules("dashboard_title str!", "description str?", "css str?",
            "slug str?", "uuid uuid!", "position map!", "metadata map", "version str!", "is_managed_externally bool?",
            "external_url str?");
    static final Map<String, String> METADATA = rules("version str!", "type str", "timestamp str");
    static final List<String> KINDS = List.of("databases", "datasets", "charts", "dashboards");
    static final Pattern WAU = Pattern.compile("(?i)^\\s*count\\s*\\(\\s*distinct\\s+(?:\\w+\\s*\\.\\s*)?(\"?)([A-Za-z_]\\w*)\\1\\s*\\)\\s*$");
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Map<String, Map<String, Object>>> byUuid = new HashMap<>();

    private BundleValidator() {
        KINDS.forEach(k -> byUuid.put(k, new LinkedHashMap<>()));
    }

    /** Asserts the bundle is importable and holds the WAU chart; returns the summary line. */
    public static String assertValid(Path bundle) throws IOException {
        BundleValidator v = new BundleValidator();
        v.check(read(bundle));
        assertEquals(List.of(), v.problems, "problems in " + bundle);
        return "bundle ok: " + v.byUuid.get("databases").size() + " database, " + v.byUuid.get("datasets").size()
                + " dataset, " + v.byUuid.get("charts").size() + " chart, " + v.byUuid.get("dashboards").size()
                + " dashboard";
    }

    /** The problems found in a bundle's files (path inside the zip → text); empty when it is importable. */
    static List<String> problems(Map<String, String> files) {
        BundleValidator v = new BundleValidator();
        v.check(files);
        return v.problems;
    }

    static Map<String, String> read(Path zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private void check(Map<String, String> zipped) {
        Map<String, Object> docs = new TreeMap<>();
        Set<String> roots = new HashSet<>();
        for (var e : zipped.entrySet()) {
            int slash = e.getKey().indexOf('/');
            if (slash < 0) {
                problems.add(e.getKey() + ": sits at the top of the zip; Superset drops the first folder of every path");
                continue;
            }
            roots.add(e.getKey().substring(0, slash));
            String name = e.getKey().substring(slash + 1);
            try {
                docs.put(name, new Yaml(new SafeConstructor(new LoaderOptions())).load(e.getValue()));
            } catch (RuntimeException bad) {
                problems.add(name + ": not valid YAML: " + bad.getMessage());
            }
        }
        if (roots.size() > 1) {
            problems.add("bundle: files under several top folders " + roots);
        }
        Object metadata = docs.remove("metadata.yaml");
        if (metadata == null) {
            problems.add("metadata.yaml: missing from the bundle's top folder");
        } else if (keys("metadata.yaml", metadata, METADATA, "") && !"1.0.0".equals(map(metadata).get("version"))) {
            problems.add("metadata.yaml: version must be the string 1.0.0");
        }
        Map<String, Map<String, String>> specs = Map.of("databases", DATABASE, "datasets", DATASET, "charts", CHART,
                "dashboards", DASHBOARD);
        for (var doc : docs.entrySet()) {
            String kind = doc.getKey().split("/")[0];
            if (!specs.containsKey(kind) || !doc.getKey().contains("/")) {
                problems.add(doc.getKey() + ": ignored by Superset (not under databases/, datasets/, charts/, dashboards/)");
            } else if (keys(doc.getKey(), doc.getValue(), specs.get(kind), "")) {
                Map<String, Object> d = map(doc.getValue());
                d.put("__file", doc.getKey());
                if (d.get("uuid") instanceof String u && byUuid.get(kind).put(u, d) != null) {
                    problems.add(doc.getKey() + ": uuid " + u + " is used twice");
                }
            }
        }
        for (Map<String, Object> db : byUuid.get("databases").values()) {
            keys(file(db), db.get("extra"), DATABASE_EXTRA, "extra: ");
            if (db.get("password") != null) {
                problems.add(file(db) + ": 'password' ships a secret; leave the key out");
            }
            if (String.valueOf(db.get("sqlalchemy_uri")).matches("^[^:]+://[^/@:]*:[^@/]+@.*")
                    && !String.valueOf(db.get("sqlalchemy_uri")).contains(":XXXXXXXXXX@")) { // Superset's mask
                problems.add(file(db) + ": sqlalchemy_uri holds a password");
            }
        }
        for (Map<String, Object> ds : byUuid.get("datasets").values()) {
            Map<String, Map<String, Object>> columns = new HashMap<>();
            list(ds.get("columns")).forEach(c -> {
                if (keys(file(ds), c, COLUMN, "columns: ")) {
                    columns.put(String.valueOf(map(c).get("column_name")), map(c));
                }
            });
            list(ds.get("metrics")).forEach(m -> keys(file(ds), m, METRIC, "metrics: "));
            Object dttm = ds.get("main_dttm_col");
            if (dttm != null && (!columns.containsKey(dttm) || !Boolean.TRUE.equals(columns.get(dttm).get("is_dttm")))) {
                problems.add(file(ds) + ": main_dttm_col '" + dttm + "' is not a column with is_dttm: true");
            }
            link(ds, "database_uuid", "databases");
        }
        Set<Object> placed = new HashSet<>();
        for (Map<String, Object> chart : byUuid.get("charts").values()) {
            link(chart, "dataset_uuid", "datasets");
            Object vizInParams = map(chart.get("params")).get("viz_type");
            if (vizInParams != null && !vizInParams.equals(chart.get("viz_type"))) {
                problems.add(file(chart) + ": params.viz_type differs from viz_type");
            }
        }
        for (Map<String, Object> dash : byUuid.get("dashboards").values()) {
            placed.addAll(position(dash));
        }
        for (Map<String, Object> chart : byUuid.get("charts").values()) {
            if (!placed.contains(chart.get("uuid"))) {
                problems.add(file(chart) + ": not placed on any dashboard, so the dashboard importer skips it");
            }
        }
        wau(placed);
    }

    /** Reachable CHART nodes' chart uuids; each node's children, parents and meta checked. */
    private Set<Object> position(Map<String, Object> dash) {
        Map<String, Object> nodes = map(dash.get("position"));
        Set<Object> placed = new HashSet<>();
        if (!nodes.containsKey("ROOT_ID")) {
            problems.add(file(dash) + ": position has no ROOT_ID node");
        }
        List<String> todo = new ArrayList<>(List.of("ROOT_ID"));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String key = todo.remove(todo.size() - 1);
            if (!seen.add(key) || !(nodes.get(key) instanceof Map<?, ?> node)) {
                continue;
            }
            for (Object child : list(node.get("children"))) {
                if (!nodes.containsKey(String.valueOf(child))) {
                    problems.add(file(dash) + ": position node " + key + " lists child '" + child + "' that is not a node");
                }
                todo.add(String.valueOf(child));
            }
            if ("CHART".equals(node.get("type"))) {
                Map<String, Object> meta = map(node.get("meta"));
                Object uuid = meta.get("uuid");
                if (!(meta.get("chartId") instanceof Integer)) {
                    problems.add(file(dash) + ": CHART node " + key + " meta.chartId should be an integer");
                }
                if (!(meta.get("width") instanceof Integer w) || w < 1 || w > 12) {
                    problems.add(file(dash) + ": CHART node " + key + " meta.width should be 1-12");
                }
                if (!byUuid.get("charts").containsKey(String.valueOf(uuid))) {
                    problems.add(file(dash) + ": CHART node " + key + " meta.uuid " + uuid + " matches no chart");
                }
                placed.add(uuid);
            }
        }
        return placed;
    }

    private void wau(Set<Object> placed) {
        for (Map<String, Object> chart : byUuid.get("charts").values()) {
            Map<String, Object> ds = byUuid.get("datasets").get(String.valueOf(chart.get("dataset_uuid")));
            if (ds == null) {
                continue;
            }
            Set<String> users = new HashSet<>();
            Set<String> temporal = new HashSet<>();
            for (Object c : list(ds.get("columns"))) {
                String name = String.valueOf(map(c).get("column_name"));
                if (name.toLowerCase(Locale.ROOT).replace("_", "").equals("userid")) {
                    users.add(name.toLowerCase(Locale.ROOT));
                }
                if (Boolean.TRUE.equals(map(c).get("is_dttm"))) {
                    temporal.add(name);
                }
            }
            Set<Object> wauMetrics = new HashSet<>();
            for (Object m : list(ds.get("metrics"))) {
                Matcher match = WAU.matcher(String.valueOf(map(m).get("expression")));
                if (match.matches() && users.contains(match.group(2).toLowerCase(Locale.ROOT))) {
                    wauMetrics.add(map(m).get("metric_name"));
                }
            }
            Map<String, Object> params = map(chart.get("params"));
            boolean usesWau = list(params.get("metrics")).stream().anyMatch(wauMetrics::contains);
            if ("echarts_timeseries_line".equals(chart.get("viz_type")) && "P1W".equals(params.get("time_grain_sqla"))
                    && temporal.contains(String.valueOf(params.get("x_axis"))) && usesWau
                    && placed.contains(chart.get("uuid"))) {
                return;
            }
        }
        problems.add("WAU: no weekly ECharts line chart of COUNT(DISTINCT userId) over a temporal column, placed on a "
                + "dashboard");
    }

    private void link(Map<String, Object> doc, String key, String kind) {
        if (!byUuid.get(kind).containsKey(String.valueOf(doc.get(key)))) {
            problems.add(file(doc) + ": " + key + " " + doc.get(key) + " matches no " + kind + " file in the bundle");
        }
    }

    /** Unknown keys, nulls, types, required keys; false when the document is not a mapping. */
    private boolean keys(String file, Object doc, Map<String, String> spec, String where) {
        if (!(doc instanceof Map<?, ?> m)) {
            problems.add(file + ": " + where + "should be a mapping");
            return false;
        }
        for (var e : m.entrySet()) {
            String rule = spec.get(String.valueOf(e.getKey()));
            if (rule == null) {
                problems.add(file + ": " + where + "unknown key '" + e.getKey() + "' (Superset rejects unknown keys)");
            } else if (e.getValue() == null) {
                if (!rule.contains("?")) {
                    problems.add(file + ": " + where + "'" + e.getKey() + "' is null, which the schema rejects");
                }
            } else if (!fits(e.getValue(), rule.replaceAll("[!?]", ""))) {
                problems.add(file + ": " + where + "'" + e.getKey() + "' should be " + rule.replaceAll("[!?]", "")
                        + ", got " + e.getValue().getClass().getSimpleName());
            }
        }
        spec.forEach((key, rule) -> {
            if (rule.contains("!") && !m.containsKey(key)) {
                problems.add(file + ": " + where + "missing required key '" + key + "'");
            }
        });
        return true;
    }

    private static boolean fits(Object v, String kind) {
        return switch (kind) {
            case "str" -> v instanceof String;
            case "int" -> v instanceof Integer || v instanceof Long;
            case "bool" -> v instanceof Boolean;
            case "map" -> v instanceof Map;
            case "list" -> v instanceof List;
            case "uuid" -> v instanceof String s && isUuid(s);
            case "json" -> v instanceof String s && isJson(s);
            case "jsonmap" -> v instanceof Map || v instanceof String s && (s.isBlank() || isJson(s));
            default -> false;
        };
    }

    /** Lower-case 8-4-4-4-12: the importer links files by comparing these strings. */
    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJson(String s) {
        try {
            JSON.readTree(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> rules(String... lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new HashMap<>();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static String file(Map<String, Object> doc) {
        return String.valueOf(doc.get("__file"));
    }
}
