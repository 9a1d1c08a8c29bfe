package dev.sessionplugin.core;

import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
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
        Rendering all = new Rendering(full.project(), statements);
        List<String> order = full.waves().stream().flatMap(List::stream).toList();
        List<String> selected = order.stream().filter(build::contains).toList();
        List<String> verified = order.stream().filter(m -> verify.contains(m) && !build.contains(m)).toList();
        Plan plan = all.plan(selected, verified, full.waves(),
                checks -> checks.stream().filter(c -> customChecks.contains(c.name())).toList(), false);
        return new Plan(plan.project(), full.sources().stream().filter(s -> sources.contains(s.name())).toList(),
                plan.models(), plan.verified(), plan.checks(), plan.waves());
    }

    /** Every model rendered once with every ref read as a shadow: the graph and the canonical SQL. */
    private static final class Rendering {
        private final Project project;
        private final Statements statements;
        private final ModelRenderer renderer;
        private final Map<String, Mustache> compiled = new HashMap<>();
        private final Map<String, Rendered> rendered = new HashMap<>();
        private final DependencyGraph graph = new DependencyGraph();

        Rendering(Project project, Statements statements) {
            this.project = project;
            this.statements = statements;
            this.renderer = new ModelRenderer(project.descriptor().vars(), statements.dialect().name());
            Resolver everyShadow = resolver(project, statements, project.models().keySet());
            for (SqlFile file : project.models().values()) {
                Mustache template = renderer.compile(file);
                compiled.put(file.name(), template);
                Rendered r = renderer.render(file, template, everyShadow);
                rendered.put(file.name(), r);
                graph.add(file.name(), r.models());
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

        Plan plan(List<String> selected, List<String> verifiedNames, List<List<String>> waves,
                  java.util.function.UnaryOperator<List<CustomCheck>> keepChecks, boolean allSources) {
            Set<String> chosen = new HashSet<>(selected);
            Resolver mixed = resolver(project, statements, chosen);
            Set<String> sourcesUsed = new LinkedHashSet<>();
            List<PlannedModel> models = new ArrayList<>();
            for (String name : selected) {
                models.add(model(name, chosen, mixed));
                sourcesUsed.addAll(rendered.get(name).sources());
            }
            List<PlannedModel> verified = verifiedNames.stream().map(name -> model(name, chosen, mixed)).toList();
            Resolver everyShadow = resolver(project, statements, project.models().keySet());
            List<CustomCheck> checks = new ArrayList<>();
            for (SqlFile file : project.checks().values()) {
                Mustache template = renderer.compile(file);
                Rendered canonical = renderer.render(file, template, everyShadow);
                Rendered r = renderer.render(file, template, mixed);
                checks.add(new CustomCheck(file.name(), file, r.sql(), canonical.sql(), r.models(), r.sources()));
            }
            checks = keepChecks.apply(checks);
            checks.forEach(c -> sourcesUsed.addAll(c.sources()));
            List<SourceSpec> sources = project.descriptor().sources().values().stream()
                    .filter(s -> allSources || sourcesUsed.contains(s.name())).toList();
            List<List<String>> selectedWaves = waves.stream()
                    .map(w -> w.stream().filter(chosen::contains).toList()).filter(w -> !w.isEmpty()).toList();
            return new Plan(project, sources, List.copyOf(models), verified, List.copyOf(checks), selectedWaves);
        }

        private PlannedModel model(String name, Set<String> chosen, Resolver mixed) {
            SqlFile file = project.models().get(name);
            Rendered canonical = rendered.get(name);
            Rendered r = chosen.containsAll(canonical.models()) ? canonical
                    : renderer.render(file, compiled.get(name), mixed);
            return new PlannedModel(name, file, project.spec(name), r.sql(), canonical.sql(), r.models(), r.sources());
        }
    }

    /** Refs to models in {@code inRun} read their shadows; other models are read as published. */
    private static Resolver resolver(Project project, Statements statements, Set<String> inRun) {
        return new Resolver() {
            @Override
            public String model(String name, Location at) {
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
                return statements.sourceRelation(source);
            }
        };
    }

    private static String known(String what, Set<String> names) {
        return names.isEmpty() ? "there are no " + what : what + ": " + String.join(", ", names);
    }
}
