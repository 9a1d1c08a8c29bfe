package dev.sessionplugin.core;

import dev.sessionplugin.core.Pipeline.Setup;
import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a project holds, for people and scripts: the selected models, their sources and checks
 * ({@code session:ls}), and the rows of a published table, a shadow or an audit table ({@code session:show}).
 */
public final class Inventory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Inventory() {
    }

    /** One line per model, source and check, or the same as one JSON document. */
    public static List<String> list(RunRequest request, boolean json) {
        Plan plan = Pipeline.setup(request).plan();
        if (json) {
            try {
                return List.of(JSON.writeValueAsString(describe(plan)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> lines = new ArrayList<>();
        for (PlannedModel m : plan.models()) {
            lines.add(String.format("model   %-32s %s", m.name(), m.file().display()));
        }
        for (SourceSpec s : plan.sources()) {
            lines.add(String.format("source  %-32s %s", s.name(), s.uri()));
        }
        for (SourceSpec s : plan.sources()) {
            s.checks().forEach(c -> lines.add(String.format("check   %-32s %s", s.name() + "." + c.name(), c.type())));
        }
        for (PlannedModel m : plan.models()) {
            m.spec().checks().forEach(c -> lines.add(String.format("check   %-32s %s", m.name() + "." + c.name(),
                    c.type())));
        }
        for (CustomCheck c : plan.checks()) {
            lines.add(String.format("check   %-32s custom (%s)", c.subject() + "." + c.name(), c.file().display()));
        }
        return lines;
    }

    private static Map<String, Object> describe(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("models", plan.models().stream().map(m -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", m.name());
            out.put("file", m.file().display());
            out.put("models", List.copyOf(m.models()));
            out.put("sources", List.copyOf(m.sources()));
            out.put("tags", m.spec().tags());
            out.put("checks", m.spec().checks().stream().map(Inventory::check).toList());
            return out;
        }).toList());
        root.put("sources", plan.sources().stream().map(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", s.name());
            out.put("uri", s.uri());
            out.put("table", s.table());
            out.put("checks", s.checks().stream().map(Inventory::check).toList());
            return out;
        }).toList());
        root.put("custom_checks", plan.checks().stream().map(c -> Map.of("name", c.name(), "file", c.file().display(),
                "models", List.copyOf(c.models()), "sources", List.copyOf(c.sources()))).toList());
        return root;
    }

    private static Map<String, Object> check(CheckSpec c) {
        return Map.of("name", c.name(), "type", c.type(), "columns", c.columns(),
                "severity", c.severity().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Up to {@code limit} rows of one model's relation, as a text table.
     *
     * @param which {@code published} (default), {@code shadow}, or {@code audit:<check name>}
     */
    public static List<String> show(RunRequest request, String which, int limit) {
        Setup setup = Pipeline.setup(request);
        List<PlannedModel> models = setup.plan().models();
        if (models.size() != 1) {
            throw SessionException.config(Location.of("-Dsession.select"), "session:show needs exactly one model, "
                    + "selected " + models.size(), "name it: -Dsession.select=<model>");
        }
        String model = models.get(0).name();
        Statements st = setup.statements();
        String kind = which == null || which.isBlank() ? "published" : which;
        String relation = switch (kind.startsWith("audit:") ? "audit" : kind) {
            case "published" -> st.modelRelation(model, false);
            case "shadow" -> st.modelRelation(model, true);
            case "audit" -> st.dialect().relation(st.schemas().audit(), model + "__" + kind.substring(6));
            default -> throw SessionException.config(Location.of("-Dsession.show"), "cannot show '" + kind + "'",
                    "use published, shadow or audit:<check name>");
        };
        RenderedFiles files = new RenderedFiles(request.buildDir().resolve("session").resolve("show"), "show");
        try (Warehouse w = JdbcWarehouse.open(setup.dialect(), files, new Retry(1, 0, line -> { }))) {
            long total = w.queryLong(st.countRows("show", model, relation));
            List<Map<String, Object>> rows = w.queryRows(st.sql("show", model, "sample_rows",
                    Map.of("relation", relation, "limit", limit)), limit);
            List<String> out = new ArrayList<>(table(rows));
            out.add(String.format("%s: %,d row(s), %d shown", relation, total, rows.size()));
            return out;
        }
    }

    static List<String> table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
            for (Map<String, Object> row : rows) {
                width[i] = Math.min(40, Math.max(width[i], String.valueOf(row.get(columns.get(i))).length()));
            }
        }
        List<String> out = new ArrayList<>();
        out.add(line(columns, width));
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
        }
        out.add(rule.toString());
        for (Map<String, Object> row : rows) {
            out.add(line(columns.stream().map(c -> String.valueOf(row.get(c))).toList(), width));
        }
        return out;
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i).length() > width[i] ? cells.get(i).substring(0, width[i] - 1) + "~" : cells.get(i);
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cell));
        }
        return line.toString().stripTrailing();
    }
}
