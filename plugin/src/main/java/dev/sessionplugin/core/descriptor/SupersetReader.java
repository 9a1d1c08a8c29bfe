package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SupersetSpec.ChartSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec.DatasetSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code superset:} sections of the descriptor. */
final class SupersetReader {

    static final Set<String> GRAINS = Set.of("PT1H", "P1D", "P1W", "P1M", "P3M", "P1Y");

    private SupersetReader() {
    }

    static SupersetSpec project(YamlMap map) {
        map.allowOnly("database_name", "duckdb_path", "dashboard");
        String database = map.string("database_name", null);
        if (database != null) {
            Names.identifier(database, map.location("database_name"), "Superset database name");
        }
        String title = SupersetSpec.DEFAULTS.dashboardTitle();
        String slug = null;
        var dashboard = map.map("dashboard");
        if (dashboard.isPresent()) {
            YamlMap d = dashboard.get();
            d.allowOnly("title", "slug");
            title = d.string("title", title);
            slug = d.string("slug", null);
            if (slug != null && !slug.matches("[A-Za-z0-9-]+")) {
                throw SessionException.config(d.location("slug"), "bad dashboard slug '" + slug + "'",
                        "use letters, digits and '-' only, e.g. session-wau");
            }
        }
        return new SupersetSpec(database, map.string("duckdb_path", null), title, slug);
    }

    static DatasetSpec dataset(YamlMap map, String model) {
        map.allowOnly("dataset", "time_column", "description", "metrics", "charts");
        String dataset = Names.identifier(map.string("dataset", model), map.location("dataset"), "dataset name");
        String time = map.string("time_column", null);
        if (time != null) {
            Names.identifier(time, map.location("time_column"), "time column");
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        var metricMap = map.map("metrics");
        if (metricMap.isPresent()) {
            YamlMap m = metricMap.get();
            for (String name : m.keys()) {
                Names.identifier(name, m.location(name), "metric name");
                metrics.put(name, m.requiredString(name, "COUNT(DISTINCT userId)"));
            }
        }
        List<ChartSpec> charts = new ArrayList<>();
        for (Node node : map.list("charts")) {
            YamlMap c = YamlMap.of(map.file(), map.child("charts"), node);
            c.allowOnly("title", "metric", "time_grain");
            String metric = c.requiredString("metric", "wau");
            if (!metrics.containsKey(metric)) {
                throw SessionException.config(c.location("metric"), "chart metric '" + metric
                        + "' is not a metric of this dataset", "declare it under 'metrics:' (" + metrics.keySet() + ")");
            }
            String grain = c.string("time_grain", "P1W");
            if (!GRAINS.contains(grain)) {
                throw SessionException.config(c.location("time_grain"), "unknown time grain '" + grain + "'",
                        "use one of " + GRAINS);
            }
            if (time == null) {
                throw SessionException.config(c.location(), "a chart needs the dataset's 'time_column'",
                        "add 'time_column: ts' to the model's superset section");
            }
            charts.add(new ChartSpec(c.requiredString("title", "Weekly Active Users"), metric, grain));
        }
        return new DatasetSpec(dataset, time, map.string("description", null), java.util.Collections.unmodifiableMap(metrics), List.copyOf(charts));
    }
}
