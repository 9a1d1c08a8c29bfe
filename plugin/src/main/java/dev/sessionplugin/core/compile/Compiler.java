package dev.sessionplugin.core.compile;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.Planner;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Dialects;
import dev.sessionplugin.core.dialect.DuckDbDialect;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.graph.Selection;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the whole project without data: an in-memory DuckDB gets an empty table per source with its declared
 * types, then every model, in dependency order, as a view over them. The engine's binder finds unknown columns and
 * relations, type errors and ambiguous names; each error is mapped back to the model file's line. Checks that name
 * a column the model does not produce are errors too. Models are rendered for DuckDB whatever the target: on
 * another target, SQL DuckDB does not know (its functions, its syntax) cannot be checked offline and is reported
 * as such instead of failing a valid project.
 */
public final class Compiler {

    /**
     * What a compile found: the catalog of what bound, the errors, and what could not be checked offline.
     * {@code reused}: nothing it reads changed since the last compile that passed, so nothing was bound again.
     */
    public record Result(Catalog catalog, List<CompileError> errors, List<String> unchecked, long millis,
                         String fingerprint, boolean reused) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** What runs on the bound project while its engine is still open (the models' unit tests). */
    public interface Then {
        void run(Warehouse engine, Statements statements, Plan plan, Catalog catalog);
    }

    private Compiler() {
    }

    public static Result compile(RunRequest request) {
        return compile(request, null);
    }

    /** Compiles; when everything bound, runs {@code then} on the same engine before it closes. */
    public static Result compile(RunRequest request, Then then) {
        long start = System.nanoTime();
        Project project = Project.load(request.projectDir(), request.descriptor()).withVars(request.options().vars());
        String target = request.target() == null || request.target().isBlank() ? project.descriptor().target()
                : request.target();
        boolean strict = Dialects.DUCKDB.equals(target);
        DuckDbDialect engine = DuckDbDialect.inMemory();
        Statements st = new Statements(engine, TemplateFolder.statements(Dialects.DUCKDB, project.dir()),
                project.descriptor().schemas().forEnvironment(request.mode().env()),
                project.modelSchemas(request.mode().env()));
        Plan plan = Planner.plan(project, st, new Selection("", ""));
        String fingerprint = CompileStamp.fingerprint(project, plan, target, request.pluginVersion());
        Catalog known = CompileStamp.passed(request.buildDir(), fingerprint, then != null);
        if (known != null) {
            return new Result(known, List.of(), List.of(), (System.nanoTime() - start) / 1_000_000, fingerprint, true);
        }
        Path folder = request.buildDir().resolve("session").resolve("compiled");
        RenderedFiles files = RenderedFiles.onRequest(folder, project.display(folder));
        List<CompileError> errors = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        Map<String, Catalog.Node> sources = new LinkedHashMap<>();
        Map<String, Catalog.Node> models = new LinkedHashMap<>();
        try (Warehouse w = JdbcWarehouse.open(engine, files, new Retry(1, 0, line -> { }))) {
            var s = st.schemas();
            java.util.Set<String> schemas = new java.util.LinkedHashSet<>(List.of(s.staging()));
            schemas.addAll(st.publishedSchemas());
            schemas.addAll(List.of(s.audit(), s.meta()));
            for (String schema : schemas) {
                w.update(st.createSchema("compile", schema));
            }
            for (SourceSpec source : plan.sources()) {
                w.update(st.createStagingTable(source));
            }
            Map<String, List<Catalog.Column>> staged = columnsOf(w, st, s.staging());
            for (SourceSpec source : plan.sources()) {
                sources.put(source.name(), new Catalog.Node(source.name(), st.sourceRelation(source), null, "source",
                        staged.getOrDefault(source.table(), List.of()), List.of(),
                        source.checks().stream().map(CheckSpec::name).toList()));
            }
            Set<String> failed = new HashSet<>();
            List<PlannedModel> bound = new ArrayList<>();
            for (PlannedModel model : plan.models()) {
                List<String> broken = model.models().stream().filter(failed::contains).toList();
                if (!broken.isEmpty()) {
                    failed.add(model.name());
                    unchecked.add(model.name() + " (it reads " + String.join(", ", broken) + ", which did not bind)");
                    continue;
                }
                String relation = st.modelRelation(model.name(), true);
                Sql view = st.sql("compile", model.name(), "compile_model", Map.of("view", relation,
                        "select", model.select()));
                try {
                    w.update(view);
                } catch (SessionException e) {
                    failed.add(model.name());
                    if (!strict && offlineUnknown(e.reason())) {
                        unchecked.add(model.name() + " (uses SQL DuckDB cannot check offline: "
                                + firstLine(e.reason()) + ")");
                    } else {
                        errors.add(new CompileError(Location.of(model.file().display(),
                                model.lineOf(view.text(), e.reason())), model.name(), "model '" + model.name()
                                + "' does not bind: " + firstLines(e.reason()), "fix the model's SELECT; nothing "
                                + "was loaded or built; the statement bound is in " + w.files().document(view)));
                    }
                    continue;
                }
                bound.add(model);
            }
            Map<String, List<Catalog.Column>> typed = new java.util.HashMap<>();
            for (String schema : st.publishedSchemas()) { // model names are unique, so table names are too
                typed.putAll(columnsOf(w, st, schema));
            }
            for (PlannedModel model : bound) {
                List<Catalog.Column> columns = described(model, typed.getOrDefault(Statements.shadowOf(model.name()),
                        List.of()), errors);
                errors.addAll(checkColumns(model, columns));
                List<String> upstream = new ArrayList<>(model.sources());
                upstream.addAll(model.models());
                models.put(model.name(), new Catalog.Node(model.name(), st.modelRelation(model.name(), false),
                        model.file().display(), model.materialized().kind().word(), columns, upstream,
                        model.spec().checks().stream().map(CheckSpec::name).toList()));
            }
            if (then != null && errors.isEmpty()) {
                then.run(w, st, plan, new Catalog(sources, models));
            }
        }
        return new Result(new Catalog(sources, models), errors, unchecked, (System.nanoTime() - start) / 1_000_000,
                fingerprint, false);
    }

    /**
     * A model's columns as its table will have them (a snapshot adds its history columns), each with the
     * description the descriptor gives it; a description of a column the model does not produce is an error.
     */
    private static List<Catalog.Column> described(PlannedModel model, List<Catalog.Column> bound,
                                                  List<CompileError> errors) {
        List<Catalog.Column> columns = new ArrayList<>(bound);
        if (model.materialized().kind() == dev.sessionplugin.core.descriptor.Materialized.Kind.SNAPSHOT) {
            columns.add(new Catalog.Column("valid_from", "TIMESTAMP"));
            columns.add(new Catalog.Column("valid_to", "TIMESTAMP"));
        }
        Map<String, String> descriptions = new java.util.HashMap<>();
        model.spec().columns().forEach((name, text) -> descriptions.put(name.toLowerCase(Locale.ROOT), text));
        List<Catalog.Column> out = new ArrayList<>();
        for (Catalog.Column c : columns) {
            out.add(new Catalog.Column(c.name(), c.type(), descriptions.remove(c.name().toLowerCase(Locale.ROOT))));
        }
        for (String missing : new java.util.TreeSet<>(descriptions.keySet())) {
            errors.add(new CompileError(model.spec().location(), model.name(), "model '" + model.name()
                    + "' describes a column '" + missing + "' under columns: that it does not produce",
                    "it produces " + String.join(", ", columns.stream().map(Catalog.Column::name).toList())
                            + "; fix the name or remove the entry"));
        }
        return out;
    }

    /** Every table's columns in a schema, by table name, in one query (one per model would cost seconds). */
    private static Map<String, List<Catalog.Column>> columnsOf(Warehouse w, Statements st, String schema) {
        Map<String, List<Catalog.Column>> out = new java.util.HashMap<>();
        for (Map<String, Object> row : w.queryRows(st.sql("compile", schema, "compile_columns",
                Map.of("schema_name", st.dialect().literal(schema))), Integer.MAX_VALUE)) {
            out.computeIfAbsent(String.valueOf(Warehouse.value(row, "table_name")), k -> new ArrayList<>())
                    .add(new Catalog.Column(String.valueOf(Warehouse.value(row, "column_name")),
                            String.valueOf(Warehouse.value(row, "data_type"))));
        }
        return out;
    }

    /** A check that names a column the model does not produce fails at compile time, not after a run. */
    private static List<CompileError> checkColumns(PlannedModel model, List<Catalog.Column> columns) {
        Set<String> produced = new HashSet<>();
        columns.forEach(c -> produced.add(c.name().toLowerCase(Locale.ROOT)));
        List<CompileError> errors = new ArrayList<>();
        for (CheckSpec check : model.spec().checks()) {
            for (String column : check.columns() == null ? List.<String>of() : check.columns()) {
                if (!produced.contains(column.toLowerCase(Locale.ROOT))) {
                    errors.add(new CompileError(check.location(), model.name(), "check '" + check.name()
                            + "' of model '" + model.name() + "' names unknown column '" + column + "'", "use one of "
                            + "the columns of " + model.name() + ": " + String.join(", ", columns.stream()
                            .map(Catalog.Column::name).toList()) + " (or add it to the model); nothing was loaded"));
                }
            }
        }
        return errors;
    }

    /** Errors that mean "DuckDB does not know this", not "this is wrong": a function or syntax of another engine. */
    private static boolean offlineUnknown(String reason) {
        return reason.contains("Parser Error") || reason.matches("(?s).*(Scalar|Aggregate|Table) Function with name .*");
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }

    /** The engine's message without its echo of the statement ({@code LINE n: ...}, already turned into a line). */
    private static String firstLines(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R| \\| ")) {
            if (line.strip().startsWith("LINE ") || kept.size() >= 4) {
                break;
            }
            kept.add(line.strip());
        }
        return String.join(" ", kept);
    }
}
