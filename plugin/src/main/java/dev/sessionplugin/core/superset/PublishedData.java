package dev.sessionplugin.core.superset;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.compile.Catalog;
import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec.ChartSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec.DatasetSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Warehouse;
import dev.sessionplugin.core.warehouse.Warehouse.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the export reads of the published models: their columns, and the numbers each chart plots. From a
 * connection both; from the compile catalog ({@code target/session/catalog.json}) the columns only, offline.
 */
public interface PublishedData {

    List<Column> columns(ModelSpec model);

    /** The chart's numbers, or null when they cannot be had here. */
    ChartPage.Series series(ModelSpec model, DatasetSpec ds, ChartSpec chart);

    /** Columns as the compile bound them; no numbers. */
    static PublishedData of(Catalog catalog) {
        return new PublishedData() {
            @Override
            public List<Column> columns(ModelSpec model) {
                Catalog.Node node = catalog.models().get(model.name());
                if (node == null) {
                    throw SessionException.config(model.location(), "model '" + model.name() + "' is not in the "
                            + "compile catalog", "run session:compile (it runs offline)");
                }
                return node.columns().stream().map(c -> new Column(c.name(), c.type())).toList();
            }

            @Override
            public ChartPage.Series series(ModelSpec model, DatasetSpec ds, ChartSpec chart) {
                return null;
            }
        };
    }

    /** The published tables through a connection. */
    static PublishedData of(Warehouse warehouse, Statements st) {
        return new PublishedData() {
            @Override
            public List<Column> columns(ModelSpec model) {
                return publishedColumns(warehouse, st, model);
            }

            @Override
            public ChartPage.Series series(ModelSpec model, DatasetSpec ds, ChartSpec chart) {
                return numbers(warehouse, st, model, ds, chart);
            }
        };
    }

    private static List<Column> publishedColumns(Warehouse w, Statements st, ModelSpec model) {
        String live = st.modelRelation(model.name(), false);
        if (w.queryLong(st.tableExists("export", model.name(), st.schemaOf(model.name()), model.name())) == 0) {
            throw SessionException.config(model.location(), "cannot export model '" + model.name() + "' to Superset: "
                    + live + " is not published yet", "run session:run first");
        }
        return w.columns(st.describe("export", model.name(), live));
    }

    private static ChartPage.Series numbers(Warehouse w, Statements st, ModelSpec model, DatasetSpec ds,
                                           ChartSpec chart) {
        var sql = st.sql("export", model.name(), "chart_series", Map.of(
                "unit", st.dialect().literal(ChartPage.grainWord(chart.timeGrain())),
                "time_column", st.dialect().identifier(ds.timeColumn()),
                "metric", ds.metrics().get(chart.metric()),
                "relation", st.modelRelation(model.name(), false))).named(SupersetExport.fileName(chart.title()));
        List<String> periods = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (Map<String, Object> row : w.queryRows(sql, 100_000)) {
            var it = row.values().iterator();
            periods.add(String.valueOf(it.next()));
            Object v = it.next();
            values.add(v instanceof Number num ? num.longValue() : 0L);
        }
        return new ChartPage.Series(chart.title(), chart.metric(), chart.timeGrain(), periods, values);
    }

}
