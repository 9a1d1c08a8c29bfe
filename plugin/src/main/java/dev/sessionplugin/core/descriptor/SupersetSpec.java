package dev.sessionplugin.core.descriptor;

import java.util.List;
import java.util.Map;

/**
 * What to export to Superset: the project-wide part ({@code superset:} at the top of {@code pipeline.yaml}) and,
 * per model, a {@link DatasetSpec} under {@code models.<name>.superset}.
 *
 * @param databaseName   Superset's name for the database; default {@code <project>_<target>}
 * @param duckdbPath     the DuckDB file as Superset's host sees it; default the file's absolute local path
 * @param dashboardTitle the dashboard holding every chart
 * @param dashboardSlug  its URL slug (letters, digits, '-')
 */
public record SupersetSpec(String databaseName, String duckdbPath, String dashboardTitle, String dashboardSlug) {

    public static final SupersetSpec DEFAULTS = new SupersetSpec(null, null, "Sessions", null);

    /**
     * A model exported as a dataset.
     *
     * @param dataset    the dataset's name; the model's own name makes a physical dataset, another a virtual one
     * @param timeColumn the temporal column charts use
     * @param metrics    saved metrics, name → SQL expression, e.g. {@code wau: COUNT(DISTINCT userId)}
     */
    public record DatasetSpec(String dataset, String timeColumn, String description, Map<String, String> metrics,
                              List<ChartSpec> charts) {
    }

    /** A time-series line chart of one metric. @param timeGrain ISO-8601 duration: P1D, P1W, P1M, P3M, P1Y */
    public record ChartSpec(String title, String metric, String timeGrain) {
    }
}
