package dev.sessionplugin.core.unit;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.compile.Catalog;
import dev.sessionplugin.core.compile.Compilation;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model unit tests: each case fills the relations a model reads with its given rows, in the engine compile bound
 * (one engine for all cases, so each costs milliseconds), runs the model's SELECT and compares the rows with the
 * expected ones. A failure says which rows are missing, which are unexpected, and which values changed; every
 * case goes into {@code TEST-session-unit.<model>.xml}. The run stops before anything is loaded when one fails.
 */
public final class UnitTests {

    /**
     * Rows given for {@code this} make a case test the incremental run: the model's published table holds them,
     * and the rows compared are the batch its {@code {{#incremental}}} SELECT returns (what would be added).
     */
    static final String THIS = "this";

    /** How one case came out; {@code diff} is empty when it passed. */
    public record Outcome(UnitCase test, String diff, long millis) {
        public boolean passed() {
            return diff.isEmpty();
        }
    }

    private UnitTests() {
    }

    /** Compiles, runs every unit test, writes the reports; throws when compile or a unit test fails. */
    public static List<Outcome> run(RunRequest request, Progress progress) {
        List<Outcome> outcomes = new ArrayList<>();
        var compiled = Compilation.run(request, progress, (engine, st, plan, catalog) -> {
            Set<String> models = new LinkedHashSet<>(plan.modelNames());
            for (UnitCase test : UnitCases.read(request.projectDir(), models)) {
                outcomes.add(run(engine, st, plan, catalog, test));
                Outcome o = outcomes.get(outcomes.size() - 1);
                progress.info(String.format("unit   %-32s %-6s %-28s %5d ms", test.model(), o.passed() ? "OK"
                        : "FAILED", test.name(), o.millis()));
            }
        });
        if (compiled.reused()) {
            return outcomes; // passed on these very inputs before; their report files stand
        }
        UnitReport.write(request.buildDir().resolve("session-reports"), outcomes);
        List<Outcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
        if (failed.isEmpty()) {
            Compilation.unitsPassed(request, compiled);
        }
        if (!failed.isEmpty()) {
            StringBuilder text = new StringBuilder(failed.size() + " of " + outcomes.size() + " unit tests failed");
            failed.forEach(o -> text.append("\n  ").append(o.test().file()).append(": ").append(o.diff()));
            throw new SessionException(SessionException.Kind.CHECK, Location.of(failed.get(0).test().file()),
                    text.toString(), "fix the model or the test's expect: rows; nothing was loaded or built "
                    + "(-Dsession.unit=false skips unit tests)", null);
        }
        return outcomes;
    }

    private static Outcome run(Warehouse engine, Statements st, Plan plan, Catalog catalog, UnitCase test) {
        long start = System.nanoTime();
        PlannedModel model = plan.models().stream().filter(m -> m.name().equals(test.model())).findFirst()
                .orElseThrow();
        Map<String, String> relations = new HashMap<>();
        plan.sources().forEach(s -> relations.put(s.name(), st.sourceRelation(s)));
        plan.models().forEach(m -> relations.put(m.name(), st.modelRelation(m.name(), true)));
        List<String> filled = new ArrayList<>();
        boolean incremental = test.given().containsKey(THIS);
        if (incremental) {
            if (model.batch() == null) {
                throw SessionException.config(Location.of(test.file()), "given rows for 'this', but model '"
                        + model.name() + "' is not incremental", "'this' is the published table an incremental "
                        + "run adds to; remove it, or set 'materialized: incremental' on the model");
            }
            String live = st.modelRelation(model.name(), false);
            engine.update(st.sql("unit", test.model(), "unit_this", Map.of("live", live,
                    "shadow", st.modelRelation(model.name(), true))).named(test.name() + ".this"));
            relations.put(THIS, live);
        }
        try {
            for (var given : test.given().entrySet()) {
                String relation = relations.get(given.getKey());
                if (relation == null) {
                    throw SessionException.config(Location.of(test.file()), "given rows for '" + given.getKey()
                            + "', which is neither a source nor a model", "name one of: " + String.join(", ",
                            new java.util.TreeSet<>(relations.keySet())));
                }
                filled.add(relation);
                if (!given.getValue().isEmpty()) {
                    engine.update(given(st, test, relation, given.getValue()));
                }
            }
            List<String> columns = compared(test, catalog);
            List<List<String>> actual = new ArrayList<>();
            String select = incremental ? model.batch() : model.select();
            for (Map<String, Object> row : engine.queryRows(actual(st, test, select, columns), Integer.MAX_VALUE)) {
                List<String> values = new ArrayList<>();
                row.values().forEach(v -> values.add(v == null ? null : String.valueOf(v)));
                actual.add(values);
            }
            List<List<String>> expected = new ArrayList<>();
            for (Map<String, String> row : test.expect()) {
                expected.add(columns.stream().map(row::get).toList());
            }
            return new Outcome(test, RowDiff.of(columns, expected, actual, test.ordered()),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            for (String relation : filled) {
                engine.update(st.sql("unit", test.model(), "unit_clear", Map.of("relation", relation)));
            }
        }
    }

    /** The expected rows' columns, in the order they first appear; all of the model's when none are listed. */
    private static List<String> compared(UnitCase test, Catalog catalog) {
        List<String> produced = catalog.models().get(test.model()).columns().stream().map(Catalog.Column::name).toList();
        Set<String> listed = new LinkedHashSet<>();
        test.expect().forEach(row -> listed.addAll(row.keySet()));
        for (String column : listed) {
            if (produced.stream().noneMatch(p -> p.equalsIgnoreCase(column))) {
                throw SessionException.config(Location.of(test.file()), "expect: names column '" + column + "', which "
                        + "model '" + test.model() + "' does not produce", "use its columns: "
                        + String.join(", ", produced));
            }
        }
        return listed.isEmpty() ? produced : List.copyOf(listed);
    }

    private static dev.sessionplugin.core.warehouse.Sql given(Statements st, UnitCase test, String relation,
                                                               List<Map<String, String>> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        List<String> columns = List.copyOf(names);
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            rendered.add(Map.of("values", Statements.listed(columns.stream().map(c -> row.get(c) == null ? "NULL"
                    : st.dialect().literal(row.get(c))).toList(), "value"), "last", i == rows.size() - 1));
        }
        return st.sql("unit", test.model(), "unit_given", Map.of("relation", relation, "columns",
                Statements.listed(columns.stream().map(st.dialect()::identifier).toList(), "name"), "rows", rendered))
                .named(test.name() + ".given." + relation);
    }

    private static dev.sessionplugin.core.warehouse.Sql actual(Statements st, UnitCase test, String select,
                                                                List<String> columns) {
        return st.sql("unit", test.model(), "unit_actual", Map.of("select", select, "columns",
                Statements.listed(columns.stream().map(st.dialect()::identifier).toList(), "name"))).named(test.name());
    }
}
