package dev.sessionplugin.core.docs;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Credentials;
import dev.sessionplugin.core.Planner;
import dev.sessionplugin.core.Planner.Published;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.compile.Catalog;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.SupersetSpec;
import dev.sessionplugin.core.dialect.Dialect;
import dev.sessionplugin.core.dialect.Dialects;
import dev.sessionplugin.core.dialect.DuckDbDialect;
import dev.sessionplugin.core.dialect.SnowflakeDialect;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.lineage.ColumnLineage;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code session:docs}: the project as a static site, offline. Columns and types come from the compile catalog
 * (compiled first; reused when nothing changed), column lineage from the engine's parse tree of each model's
 * SELECT, check results, rows and durations from the last run's {@code run_results.json}.
 */
public final class Docs {

    /** What was written. */
    /** @param phases milliseconds per phase (compile, render, lineage, pages), where a large project spends it */
    public record Result(Path site, SiteCatalog catalog, int sources, int models, int columns, int untraced,
                         List<String> notes, long millis, Map<String, Long> phases) {
    }

    private Docs() {
    }

    /** Docs never connects: a dialect is asked only for how it renders and where its published copy is. */
    private static final CredentialSource NO_SECRETS = server -> new Credentials(null, null, null, null, null);

    static String modelId(String model) {
        return "model:" + model;
    }

    static String sourceId(String source) {
        return "source:" + source;
    }

    public static Result generate(RunRequest request) {
        return generate(request, request.buildDir().resolve("session-docs"));
    }

    /** Writes the site into {@code dir} (a Maven site puts it beside its own pages). */
    public static Result generate(RunRequest request, Path dir) {
        long start = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        Project project = Project.load(request.projectDir(), request.descriptor()).withVars(request.options().vars());
        String env = request.mode().env();
        String target = request.target() == null || request.target().isBlank() ? project.descriptor().target()
                : request.target();
        Statements duck = statements(DuckDbDialect.inMemory(), project, env);
        Map<String, Published> models = Planner.published(project, duck);
        Map<String, Map<String, String>> sql = new HashMap<>();
        models.forEach((name, p) -> sql.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(Dialects.DUCKDB, p.sql()));
        List<String> targets = new ArrayList<>(List.of(Dialects.DUCKDB));
        if (project.descriptor().snowflake() != null) {
            Dialect snowflake = Dialects.forTarget(SnowflakeDialect.NAME, project, NO_SECRETS, request.buildDir());
            Planner.published(project, statements(snowflake, project, env)).forEach((name, p) ->
                    sql.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(SnowflakeDialect.NAME, p.sql()));
            targets.add(SnowflakeDialect.NAME);
        }
        long mark = phase(phases, "render", start);

        List<String> notes = new ArrayList<>();
        Traced found = trace(request, project, target, duck, models, notes);
        Map<String, Lineages.Lineage> lineage = found.lineage();
        Map<String, List<Catalog.Column>> typed = found.typed();
        mark = phase(phases, "lineage", mark);
        LastRun last = LastRun.read(request.buildDir().resolve("session-reports").resolve("run_results.json"));
        List<SiteCatalog.Node> nodes = new ArrayList<>();
        for (SourceSpec source : project.descriptor().sources().values()) {
            nodes.add(sourceNode(source, duck, last));
        }
        for (var entry : models.entrySet()) {
            String name = entry.getKey();
            Lineages.Lineage traced = lineage.get(name);
            if (traced.problem() != null) {
                notes.add(project.models().get(name).display() + ": " + traced.problem());
            }
            nodes.add(modelNode(project, name, entry.getValue(), sql.get(name), typed.get(name), traced, duck,
                    last));
            if (typed.containsKey(name) && differ(typed.get(name), traced)) {
                notes.add(project.models().get(name).display() + ": its columns differ from those of the last "
                        + "compile or publish (the types shown may be old): run mvn session:compile");
            }
        }
        nodes = withDownstream(nodes);
        SiteCatalog site = new SiteCatalog(project.descriptor().project(), target, targets,
                last == LastRun.NONE ? null : new SiteCatalog.LastRunSummary(last.goal(), last.finishedAt(),
                        last.status()), nodes, notes);
        DocsSite.write(site, dir);
        phase(phases, "pages", mark);
        int columns = 0;
        int untraced = 0;
        for (SiteCatalog.Node n : nodes) {
            columns += n.columns().size();
            untraced += (int) n.columns().stream().filter(c -> !c.traced()).count();
        }
        return new Result(dir, site, project.descriptor().sources().size(), models.size(), columns, untraced, notes,
                (System.nanoTime() - start) / 1_000_000, phases);
    }

    /** The models' column types, and each model's lineage traced with them. */
    private record Traced(Map<String, List<Catalog.Column>> typed, Map<String, Lineages.Lineage> lineage) {
    }

    private static Traced trace(RunRequest request, Project project, String target, Statements duck,
                                Map<String, Published> models, List<String> notes) {
        Path scratch = request.buildDir().resolve("session").resolve("docs-statements");
        List<Warehouse> parsers = new ArrayList<>();
        try (Warehouse w = engine(duck.dialect(), project, scratch)) {
            parsers.add(w);
            for (int i = 1; i < Math.min(RunOptions.CORES, 1 + models.size() / 1000); i++) {
                parsers.add(engine(DuckDbDialect.inMemory(), project, scratch));
            }
            ColumnTypes.Found types = ColumnTypes.of(request.buildDir(), Dialects.forTarget(target, project, NO_SECRETS,
                    request.buildDir()).readerCopy(), w, duck, models.keySet());
            if (types.origin() != null) {
                notes.add(types.origin());
            }
            Map<String, ColumnLineage.Known> known = new HashMap<>();
            Map<String, String> relationKey = new HashMap<>();
            for (SourceSpec source : project.descriptor().sources().values()) {
                known.put(ColumnTypes.key(duck.schemas().staging(), source.table()), new ColumnLineage.Known(
                        sourceId(source.name()), source.columns().stream().map(SourceSpec.ColumnSpec::name).toList()));
            }
            for (String model : models.keySet()) {
                String key = ColumnTypes.key(duck.schemaOf(model), model);
                relationKey.put(model, key);
                if (types.models().containsKey(model)) {
                    known.put(key, new ColumnLineage.Known(modelId(model),
                            types.models().get(model).stream().map(Catalog.Column::name).toList()));
                }
            }
            return new Traced(types.models(), Lineages.trace(parsers, duck, models, known, relationKey));
        } finally {
            parsers.subList(Math.min(1, parsers.size()), parsers.size()).forEach(Warehouse::close);
        }
    }

    /** An in-memory engine that names a failed statement's file only when one fails. */
    private static Warehouse engine(Dialect dialect, Project project, Path scratch) {
        return JdbcWarehouse.open(dialect, RenderedFiles.onRequest(scratch, project.display(scratch)),
                new Retry(1, 0, line -> { }));
    }

    private static long phase(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    private static Statements statements(Dialect dialect, Project project, String env) {
        return new Statements(dialect, TemplateFolder.statements(dialect.name(), project.dir()),
                project.descriptor().schemas().forEnvironment(env), project.modelSchemas(env));
    }

    private static SiteCatalog.Node sourceNode(SourceSpec source, Statements st, LastRun last) {
        List<SiteCatalog.Column> columns = source.columns().stream()
                .map(c -> new SiteCatalog.Column(c.name(), c.type(), null, List.of(), true)).toList();
        return new SiteCatalog.Node(sourceId(source.name()), "source", source.name(), "sources", List.of(),
                "Loaded from " + source.uri() + (source.pattern() == null ? "" : " (" + source.pattern() + ")"), null,
                "source", st.schemas().staging() + "." + source.table(), DocsSite.page("source", source.name()),
                columns, Map.of(), checks(source.checks(), last.checks().get(source.name())),
                last.steps().getOrDefault(source.name(), List.of()), List.of(), List.of(), List.of(), null);
    }

    /** Whether the traced SELECT names other columns than the recorded ones (a model changed since). */
    private static boolean differ(List<Catalog.Column> recorded, Lineages.Lineage traced) {
        if (traced.problem() != null || traced.columns().stream().anyMatch(t -> t.name() == null)) {
            return false; // nothing to compare with
        }
        return !recorded.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList().equals(traced.columns()
                .stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static SiteCatalog.Node modelNode(Project project, String name, Published published,
                                              Map<String, String> sql, List<Catalog.Column> bound,
                                              Lineages.Lineage traced,
                                              Statements st, LastRun last) {
        ModelSpec spec = project.spec(name);
        Map<String, Catalog.Column> typed = new HashMap<>();
        List<String> order = new ArrayList<>();
        if (bound != null) {
            for (Catalog.Column c : bound) {
                typed.put(c.name().toLowerCase(Locale.ROOT), c);
                order.add(c.name());
            }
        }
        Map<String, ColumnLineage.Traced> byName = new HashMap<>();
        for (ColumnLineage.Traced t : traced.columns()) {
            if (t.name() != null) {
                byName.put(t.name().toLowerCase(Locale.ROOT), t);
                if (bound == null) {
                    order.add(t.name());
                }
            }
        }
        Map<String, String> descriptions = new HashMap<>();
        spec.columns().forEach((c, text) -> descriptions.put(c.toLowerCase(Locale.ROOT), text));
        List<SiteCatalog.Column> columns = new ArrayList<>();
        for (String column : order) {
            String lower = column.toLowerCase(Locale.ROOT);
            ColumnLineage.Traced t = byName.get(lower);
            Catalog.Column c = typed.get(lower);
            columns.add(new SiteCatalog.Column(column, c == null ? null : c.type(), descriptions.get(lower),
                    t == null ? List.of() : t.from().stream().map(o -> o.node() + "." + o.column()).toList(),
                    t != null && t.known()));
        }
        List<String> upstream = new ArrayList<>();
        published.sources().forEach(s -> upstream.add(sourceId(s)));
        published.models().forEach(m -> upstream.add(modelId(m)));
        String kind = spec.materialization().kind().word();
        String relation = "ephemeral".equals(kind) ? null : st.schemaOf(name) + "." + name;
        String folder = folderOf(project.models().get(name).display());
        return new SiteCatalog.Node(modelId(name), "model", name, folder, spec.tags(), spec.description(),
                project.models().get(name).display(), spec.materialization().label(), relation,
                DocsSite.page("model", name), columns, sql, checks(spec.checks(), last.checks().get(name)),
                last.steps().getOrDefault(name, List.of()), upstream, List.of(), charts(spec.superset()),
                traced.problem());
    }

    /** Declared checks with their last results, then any other check the last run reported (project checks). */
    private static List<SiteCatalog.Check> checks(List<CheckSpec> declared, Map<String, LastRun.Check> results) {
        Map<String, LastRun.Check> left = results == null ? new LinkedHashMap<>() : new LinkedHashMap<>(results);
        List<SiteCatalog.Check> out = new ArrayList<>();
        for (CheckSpec check : declared) {
            LastRun.Check r = left.remove(check.name());
            out.add(r == null ? new SiteCatalog.Check(check.name(), "not run", null, null, null)
                    : new SiteCatalog.Check(check.name(), r.status(), r.failingRows(), r.durationMs(), r.detail()));
        }
        left.forEach((name, r) -> out.add(new SiteCatalog.Check(name, r.status(), r.failingRows(), r.durationMs(),
                r.detail())));
        return out;
    }

    private static List<String> charts(SupersetSpec.DatasetSpec dataset) {
        if (dataset == null || dataset.charts() == null) {
            return List.of();
        }
        return dataset.charts().stream().map(c -> c.title() + " (" + c.metric() + " by " + c.timeGrain() + ")")
                .toList();
    }

    /** {@code models/marts/x.sql.mustache} is in folder {@code models/marts}. */
    static String folderOf(String display) {
        int slash = display.lastIndexOf('/');
        return slash < 0 ? "models" : display.substring(0, slash);
    }

    private static List<SiteCatalog.Node> withDownstream(List<SiteCatalog.Node> nodes) {
        Map<String, Set<String>> down = new HashMap<>();
        for (SiteCatalog.Node n : nodes) {
            for (String up : n.upstream()) {
                down.computeIfAbsent(up, k -> new LinkedHashSet<>()).add(n.id());
            }
        }
        return nodes.stream().map(n -> new SiteCatalog.Node(n.id(), n.kind(), n.name(), n.folder(), n.tags(),
                n.description(), n.file(), n.materialization(), n.relation(), n.page(), n.columns(), n.sql(),
                n.checks(), n.lastRun(), n.upstream(), List.copyOf(down.getOrDefault(n.id(), Set.of())), n.charts(),
                n.problem())).toList();
    }
}
