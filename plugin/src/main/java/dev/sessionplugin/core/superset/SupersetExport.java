package dev.sessionplugin.core.superset;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SupersetSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec.ChartSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec.DatasetSpec;
import dev.sessionplugin.core.dialect.Dialect;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Warehouse;
import dev.sessionplugin.core.warehouse.Warehouse.Column;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports the published models that ask for it as a Superset v1 import bundle (one database, a dataset per model,
 * a time-series chart per declared chart, one dashboard holding them) plus a page plotting the same numbers.
 * UUIDs derive from names, so a re-export updates the same objects on import.
 */
public final class SupersetExport {

    private static final Pattern COUNT_DISTINCT = Pattern.compile("(?is)\\s*COUNT\\s*\\(\\s*DISTINCT\\s.*");

    /** What was written; {@code page} is null when it could not be computed (offline). */
    public record Result(Path bundle, Path page, int datasets, int charts) {
    }

    private SupersetExport() {
    }

    public static boolean wanted(Project project) {
        return project.descriptor().models().values().stream().anyMatch(m -> m.superset() != null);
    }

    /** The bundle and the page from the published tables (columns and the charts' numbers, through a connection). */
    public static Result export(Project project, Statements st, Warehouse warehouse, String target, Path outDir) {
        return export(project, st, PublishedData.of(warehouse, st), target, outDir);
    }

    /** The bundle from what {@code data} tells; the page only when it has the charts' numbers. */
    public static Result export(Project project, Statements st, PublishedData data, String target, Path outDir) {
        Dialect dialect = st.dialect();
        SupersetSpec spec = project.descriptor().superset();
        String projectName = project.descriptor().project();
        String database = spec.databaseName() != null ? spec.databaseName() : projectName + "_" + target;
        String databaseUuid = uuid("database", database);
        String root = projectName + "_superset/";
        YamlAssets assets = new YamlAssets(project.dir());
        Map<String, String> files = new LinkedHashMap<>();

        files.put(root + "metadata.yaml", assets.render("metadata.yaml",
                Map.of("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())));
        files.put(root + "databases/" + database + ".yaml", assets.render("database_" + dialect.name() + ".yaml",
                Map.of("database_name", database, "sqlalchemy_uri", dialect.supersetUri(spec, st.schemas().published()),
                        "uuid", databaseUuid)));

        List<Map<String, Object>> dashboardCharts = new ArrayList<>();
        List<ChartPage.Series> series = new ArrayList<>();
        int datasets = 0;
        for (ModelSpec model : project.descriptor().models().values()) {
            DatasetSpec ds = model.superset();
            if (ds == null) {
                continue;
            }
            datasets++;
            String schema = st.schemaOf(model.name()).toLowerCase();
            String datasetUuid = uuid("dataset", database + "." + schema + "." + ds.dataset());
            List<Column> columns = data.columns(model);
            String time = ds.timeColumn() == null ? null : timeColumn(model, ds, columns, dialect);
            files.put(root + "datasets/" + database + "/" + ds.dataset() + ".yaml", assets.render("dataset.yaml",
                    dataset(model, ds, st, schema, datasetUuid, databaseUuid, columns, time)));
            for (ChartSpec chart : ds.charts()) {
                int n = dashboardCharts.size() + 1;
                String chartUuid = uuid("chart", database + "." + ds.dataset() + "." + chart.title());
                files.put(root + "charts/" + fileName(chart.title()) + "_" + n + ".yaml", assets.render("chart.yaml",
                        Map.of("slice_name", chart.title(), "x_axis", time, "time_grain", chart.timeGrain(),
                                "metric", chart.metric(), "uuid", chartUuid, "dataset_uuid", datasetUuid)));
                dashboardCharts.add(Map.of("key", "c" + n, "chart_id", n, "uuid", chartUuid,
                        "slice_name", chart.title()));
                ChartPage.Series numbers = data.series(model, ds, chart);
                if (numbers != null) {
                    series.add(numbers);
                }
            }
        }
        String title = spec.dashboardTitle();
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("dashboard_title", title);
        dashboard.put("slug", spec.dashboardSlug() != null ? spec.dashboardSlug()
                : (projectName + "-" + target).replace('_', '-'));
        dashboard.put("uuid", uuid("dashboard", database + "." + title));
        dashboard.put("charts", dashboardCharts);
        files.put(root + "dashboards/" + fileName(title) + "_1.yaml", assets.render("dashboard.yaml", dashboard));

        Path bundle = outDir.resolve(projectName + "-superset.zip");
        Path page = outDir.resolve("wau.html");
        writeZip(bundle, files);
        if (series.size() < dashboardCharts.size()) {
            return new Result(bundle, null, datasets, dashboardCharts.size()); // no numbers offline: no page
        }
        writeAtomically(page, ChartPage.render(project.dir(), title, "Computed from the published tables on "
                + target + " (" + dialect.describeTarget() + ")", series));
        return new Result(bundle, page, datasets, dashboardCharts.size());
    }

    private static String timeColumn(ModelSpec model, DatasetSpec ds, List<Column> columns, Dialect dialect) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(ds.timeColumn())).findFirst()
                .map(c -> dialect.supersetColumn(c.name()))
                .orElseThrow(() -> SessionException.config(model.location(), "time_column '" + ds.timeColumn()
                        + "' is not a column of " + model.name(), "columns: "
                        + columns.stream().map(Column::name).toList()));
    }

    private static Map<String, Object> dataset(ModelSpec model, DatasetSpec ds, Statements st, String schema,
                                               String uuid, String databaseUuid, List<Column> columns, String time) {
        Dialect dialect = st.dialect();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("table_name", ds.dataset());
        context.put("schema", schema);
        context.put("sql", ds.dataset().equals(model.name()) ? false
                : "SELECT * FROM " + st.modelRelation(model.name(), false));
        context.put("main_dttm_col", time == null ? false : time);
        context.put("description", ds.description() == null ? false : ds.description());
        context.put("normalize_columns", dialect.supersetNormalizesColumns());
        context.put("uuid", uuid);
        context.put("database_uuid", databaseUuid);
        List<Map<String, Object>> cols = new ArrayList<>();
        for (Column c : columns) {
            String name = dialect.supersetColumn(c.name());
            cols.add(Map.of("column_name", name, "type", c.type(), "is_dttm", name.equals(time)));
        }
        context.put("columns", cols);
        List<Map<String, Object>> metrics = new ArrayList<>();
        ds.metrics().forEach((name, expression) -> metrics.add(Map.of("metric_name", name, "verbose_name", name,
                "expression", expression, "count_distinct", COUNT_DISTINCT.matcher(expression).matches())));
        context.put("metrics", metrics);
        return context;
    }

    /** Stable per name; the kind and the database name are part of it, so targets never share a UUID. */
    static String uuid(String kind, String name) {
        return UUID.nameUUIDFromBytes(("session-maven-plugin:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static String fileName(String title) {
        return title.replaceAll("[^A-Za-z0-9_.-]+", "_");
    }

    private static void writeZip(Path bundle, Map<String, String> files) {
        try {
            Files.createDirectories(bundle.getParent());
            Path tmp = bundle.resolveSibling(bundle.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            Files.move(tmp, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw SessionException.io(Location.of(bundle.toString()), "cannot write the Superset bundle: "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.toString()), "cannot write: " + e.getMessage(), null, e);
        }
    }
}
