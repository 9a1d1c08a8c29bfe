package dev.sessionplugin.core;

import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.Materialized;
import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.SqlFile;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.graph.DependencyGraph;
import dev.sessionplugin.core.graph.DependencyGraph.CycleException;
import dev.sessionplugin.core.graph.Selection;
import dev.sessionplugin.core.render.ModelRenderer;
import dev.sessionplugin.core.render.ModelRenderer.Rendered;
import dev.sessionplugin.core.render.ModelRenderer.Resolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.mustachejava.Mustache;

/** descriptor + templates → rendered models → dependency graph → the ordered, selected {@link Plan}. */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(Project project, Statements statements, Selection selection) {
        Rendering all = new Rendering(project, statements);
        List<List<String>> waves = all.waves();
        List<String> order = waves.stream().flatMap(List::stream).toList();
        List<String> selected = selection.apply(all.graph, order, new Selection.Attributes() {
            @Override
            public Set<String> tags(String model) {
                return Set.copyOf(project.spec(model).tags());
            }

            @Override
            public String path(String model) {
                return project.models().get(model).display();
            }
        });
        Set<String> chosen = new HashSet<>(selected);
        return all.plan(selected, List.of(), waves, checks -> checks.stream().filter(c ->
                c.models().stream().anyMatch(chosen::contains) || (selection.isAll() && c.models().isEmpty())).toList(),
                selection.isAll());
    }

    /**
     * The part of {@code full} a run must redo: models to {@code build} (refs to the others read their published
     * tables), models whose checks run on their published tables ({@code verify}), the custom checks named, and
     * the sources something of that reads.
     */
    public static Plan narrow(Plan full, Statements statements, Set<String> build, Set<String> verify,
                              Set<String> customChecks, Set<String> sources) {
        if (full.verified().isEmpty() && build.containsAll(full.modelNames()) && build.containsAll(verify)
                && full.checks().stream().allMatch(c -> customChecks.contains(c.name()))
                && full.sources().stream().allMatch(s -> sources.contains(s.name()))) {
            return full; // everything is redone: rendering every model again would give the same plan
        }
        Rendering all = new Rendering(full.project(), statements);
        List<String> order = full.waves().stream().flatMap(List::stream).toList();
        List<String> selected = order.stream().filter(build::contains).toList();
        List<String> verified = order.stream().filter(m -> verify.contains(m) && !build.contains(m)).toList();
        Plan plan = all.plan(selected, verified, full.waves(),
                checks -> checks.stream().filter(c -> customChecks.contains(c.name())).toList(), false);
        return new Plan(plan.project(), full.sources().stream().filter(s -> sources.contains(s.name())).toList(),
                plan.models(), plan.verified(), plan.checks(), plan.waves());
    }

    /** A model as its documentation shows it: the SQL with every ref read as published, and what it reads. */
    public record Published(String sql, Set<String> models, Set<String> sources) {
    }

    /**
     * Every model, ephemeral ones too, in dependency order, rendered as the published tables read each other (no
     * shadows): what a reader of the warehouse sees. {@code models} are the refs as written, ephemerals included.
     */
    public static Map<String, Published> published(Project project, Statements statements) {
        Rendering all = new Rendering(project, statements, false); // each model rendered once, as published
        Rendering.Inliner live = all.canonical;
        Map<String, Published> out = new java.util.LinkedHashMap<>();
        for (List<String> wave : all.waves()) {
            for (String name : wave) {
                Rendered raw = all.rendered.get(name);
                out.put(name, new Published(live.full(name).sql(), raw.models(), raw.sources()));
            }
        }
        return out;
    }

    /** Every model rendered once with every ref read as a shadow: the graph and the canonical SQL. */
    private static final class Rendering {
        private final Project project;
        private final Statements statements;
        private final ModelRenderer renderer;
        private final Map<String, Mustache> compiled = new HashMap<>();
        private final Map<String, Rendered> rendered = new HashMap<>();
        private final Map<String, Rendered> batches = new HashMap<>();
        private final Map<String, Materialized> kinds = new HashMap<>();
        private final Set<String> ephemerals = new HashSet<>();
        private final DependencyGraph graph = new DependencyGraph();
        private final Resolver everyShadow;
        private final Inliner canonical;

        Rendering(Project project, Statements statements) {
            this(project, statements, true);
        }

        /** @param shadows whether refs read shadows (planning) or the published relations (documentation) */
        Rendering(Project project, Statements statements, boolean shadows) {
            this.project = project;
            this.statements = statements;
            this.renderer = new ModelRenderer(project.descriptor().vars(), statements.dialect().name(), project.dir());
            for (SqlFile file : project.models().values()) {
                ModelSpec spec = project.spec(file.name());
                kinds.put(file.name(), spec.materialization());
                if (spec.materialization().kind() == Materialized.Kind.EPHEMERAL) {
                    requireNothingToCheck(spec);
                    ephemerals.add(file.name());
                }
            }
            everyShadow = resolver(project, statements, shadows ? project.models().keySet() : Set.of(), ephemerals);
            for (SqlFile file : project.models().values()) {
                Mustache template = renderer.compile(file);
                compiled.put(file.name(), template);
                Rendered r = renderer.render(file, template, everyShadow, mode(file.name(), false));
                rendered.put(file.name(), r);
                Set<String> reads = new LinkedHashSet<>(r.models());
                if (kinds.get(file.name()).kind() == Materialized.Kind.INCREMENTAL) {
                    Rendered batch = renderer.render(file, template, everyShadow, mode(file.name(), true));
                    batches.put(file.name(), batch);
                    reads.addAll(batch.models());
                }
                graph.add(file.name(), reads);
            }
            canonical = new Inliner(everyShadow, true);
        }

        private ModelRenderer.Mode mode(String model, boolean incremental) {
            return kinds.get(model).kind().keepsHistory()
                    ? new ModelRenderer.Mode(incremental, statements.modelRelation(model, false)) : null;
        }

        private static void requireNothingToCheck(ModelSpec spec) {
            if (!spec.checks().isEmpty() || spec.superset() != null) {
                throw SessionException.config(spec.location(), "ephemeral model '" + spec.name() + "' has "
                        + (spec.checks().isEmpty() ? "a superset: section" : "checks") + ", but it is never created",
                        "check (or export) a model that reads it, or make it 'materialized: view'");
            }
        }

        List<List<String>> waves() {
            try {
                return graph.waves();
            } catch (CycleException e) {
                String first = e.cycle().get(0);
                throw SessionException.config(Location.of(project.models().get(first).display()),
                        "dependency cycle: " + String.join(" -> ", e.cycle()),
                        "a model cannot read itself through its refs; remove one {{#ref}} on this path");
            }
        }

        boolean isEphemeral(String model) {
            return ephemerals.contains(model);
        }

        Plan plan(List<String> selectedWithEphemerals, List<String> verifiedNames, List<List<String>> waves,
                  java.util.function.UnaryOperator<List<CustomCheck>> keepChecks, boolean allSources) {
            List<String> selected = selectedWithEphemerals.stream().filter(m -> !isEphemeral(m)).toList();
            Set<String> chosen = new HashSet<>(selected);
            Inliner mixed = new Inliner(resolver(project, statements, chosen, ephemerals), false);
            Set<String> sourcesUsed = new LinkedHashSet<>();
            List<PlannedModel> models = new ArrayList<>();
            for (String name : selected) {
                PlannedModel model = model(name, chosen, mixed);
                models.add(model);
                sourcesUsed.addAll(model.sources());
            }
            List<PlannedModel> verified = verifiedNames.stream().filter(m -> !isEphemeral(m))
                    .map(name -> model(name, chosen, mixed)).toList();
            List<CustomCheck> checks = new ArrayList<>();
            for (SqlFile file : project.checks().values()) {
                Mustache template = renderer.compile(file);
                Inlined canonicalSql = canonical.inline(renderer.render(file, template, everyShadow));
                Inlined r = mixed.inline(renderer.render(file, template, mixed.resolver));
                checks.add(new CustomCheck(file.name(), file, r.sql(), canonicalSql.sql(), r.models(), r.sources()));
            }
            checks = keepChecks.apply(checks);
            checks.forEach(c -> sourcesUsed.addAll(c.sources()));
            List<SourceSpec> sources = project.descriptor().sources().values().stream()
                    .filter(s -> allSources || sourcesUsed.contains(s.name())).toList();
            List<List<String>> selectedWaves = waves.stream()
                    .map(w -> w.stream().filter(chosen::contains).toList()).filter(w -> !w.isEmpty()).toList();
            return new Plan(project, sources, List.copyOf(models), verified, List.copyOf(checks), selectedWaves);
        }

        private PlannedModel model(String name, Set<String> chosen, Inliner mixed) {
            SqlFile file = project.models().get(name);
            Inlined canonicalSql = canonical.full(name);
            Inlined r = chosen.containsAll(canonicalSql.models()) ? canonicalSql : mixed.full(name);
            Materialized how = kinds.get(name);
            String batch = null;
            String definition = canonicalSql.sql();
            if (how.kind() == Materialized.Kind.INCREMENTAL) {
                batch = mixed.inline(renderer.render(file, compiled.get(name), mixed.resolver, mode(name, true))).sql();
                definition += "\n-- batch\n" + canonical.inline(batches.get(name)).sql();
            }
            if (how.kind() != Materialized.Kind.TABLE) {
                definition += "\n-- materialized " + how.describe();
            }
            String published = null;
            if (how.kind() == Materialized.Kind.VIEW) {
                Inliner live = new Inliner(resolver(project, statements, Set.of(), ephemerals, true), false);
                published = live.full(name).sql();
            }
            return new PlannedModel(name, file, project.spec(name), r.sql(), definition, r.models(), r.sources(),
                    batch, published, r.prelude());
        }

        /** A model's SQL with every ephemeral model it reads put in front as a CTE, and what it reads then. */
        private record Inlined(String sql, Set<String> models, Set<String> sources, int prelude) {
        }

        /** Inlines ephemeral models under one way of reading refs; each ephemeral is rendered once per inliner. */
        private final class Inliner {
            private final Resolver resolver;
            private final boolean usesCanonical;
            private final Map<String, Inlined> done = new HashMap<>();

            Inliner(Resolver resolver, boolean usesCanonical) {
                this.resolver = resolver;
                this.usesCanonical = usesCanonical;
            }

            Inlined full(String model) {
                Inlined known = done.get(model);
                if (known != null) {
                    return known;
                }
                Rendered raw = usesCanonical ? rendered.get(model)
                        : renderer.render(project.models().get(model), compiled.get(model), resolver, mode(model, false));
                Inlined result = inline(raw);
                done.put(model, result);
                return result;
            }

            Inlined inline(Rendered raw) {
                Set<String> models = new LinkedHashSet<>();
                Set<String> sources = new LinkedHashSet<>(raw.sources());
                StringBuilder ctes = new StringBuilder();
                for (String ref : raw.models()) {
                    if (!isEphemeral(ref)) {
                        models.add(ref);
                        continue;
                    }
                    Inlined inner = full(ref);
                    models.addAll(inner.models());
                    sources.addAll(inner.sources());
                    ctes.append(ctes.length() == 0 ? "" : ",\n").append(statements.dialect().identifier(ref))
                            .append(" AS (\n").append(inner.sql()).append("\n)");
                }
                if (ctes.length() == 0) {
                    return new Inlined(raw.sql(), models, sources, 0);
                }
                String sql = withCtes(raw.sql(), ctes.toString());
                int prelude = (int) (sql.chars().filter(c -> c == '\n').count()
                        - raw.sql().chars().filter(c -> c == '\n').count());
                return new Inlined(sql, models, sources, prelude);
            }
        }
    }

    private static final java.util.regex.Pattern LEADING_WITH = java.util.regex.Pattern.compile(
            "(?is)^((?:\\s*(?:--[^\\n]*\\n|/\\*.*?\\*/))*\\s*)with(\\s+recursive)?\\s");

    /** {@code ctes} in front of a query: joined to its own WITH list, or as a new one. */
    static String withCtes(String sql, String ctes) {
        java.util.regex.Matcher with = LEADING_WITH.matcher(sql);
        if (with.find()) {
            return with.group(1) + "WITH" + (with.group(2) == null ? "" : with.group(2)) + " " + ctes + ",\n"
                    + sql.substring(with.end());
        }
        return "WITH " + ctes + "\n" + sql;
    }

    /** Refs to models in {@code inRun} read their shadows; other models are read as published. */
    private static Resolver resolver(Project project, Statements statements, Set<String> inRun,
                                     Set<String> ephemerals) {
        return resolver(project, statements, inRun, ephemerals, false);
    }

    /** @param publishedView sources are read from their copies for published views, not their staging tables */
    private static Resolver resolver(Project project, Statements statements, Set<String> inRun,
                                     Set<String> ephemerals, boolean publishedView) {
        return new Resolver() {
            @Override
            public String model(String name, Location at) {
                if (ephemerals.contains(name)) { // the CTE the model is inlined as
                    return statements.dialect().identifier(name);
                }
                if (!project.models().containsKey(name)) {
                    if (project.descriptor().sources().containsKey(name)) {
                        throw SessionException.config(at, "'" + name + "' in {{#ref}} is a source, not a model",
                                "did you mean {{#source}}" + name + "{{/source}}?");
                    }
                    throw SessionException.config(at, "unknown model '" + name + "' in {{#ref}}",
                            known("models", project.models().keySet()) + "; a model is a file models/<name>.sql.mustache");
                }
                return statements.modelRelation(name, inRun.contains(name));
            }

            @Override
            public String source(String name, Location at) {
                SourceSpec source = project.descriptor().sources().get(name);
                if (source == null && project.models().containsKey(name)) {
                    throw SessionException.config(at, "'" + name + "' in {{#source}} is a model, not a source",
                            "did you mean {{#ref}}" + name + "{{/ref}}?");
                }
                if (source == null) {
                    throw SessionException.config(at, "unknown source '" + name + "' in {{#source}}",
                            known("sources", project.descriptor().sources().keySet()) + " (declared in "
                                    + project.descriptor().file() + ")");
                }
                return publishedView ? statements.publishedSourceRelation(source) : statements.sourceRelation(source);
            }
        };
    }

    private static String known(String what, Set<String> names) {
        return names.isEmpty() ? "there are no " + what : what + ": " + String.join(", ", names);
    }
}
