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
        ModelRenderer renderer = new ModelRenderer(project.descriptor().vars(), statements.dialect().name());
        Map<String, Mustache> compiled = new HashMap<>();
        Map<String, Rendered> rendered = new HashMap<>();
        DependencyGraph graph = new DependencyGraph();
        Set<String> all = project.models().keySet();
        Resolver everyShadow = resolver(project, statements, all);
        for (SqlFile file : project.models().values()) {
            Mustache template = renderer.compile(file);
            compiled.put(file.name(), template);
            Rendered r = renderer.render(file, template, everyShadow);
            rendered.put(file.name(), r);
            graph.add(file.name(), r.models());
        }
        List<List<String>> waves;
        try {
            waves = graph.waves();
        } catch (CycleException e) {
            String first = e.cycle().get(0);
            throw SessionException.config(Location.of(project.models().get(first).display()),
                    "dependency cycle: " + String.join(" -> ", e.cycle()),
                    "a model cannot read itself through its refs; remove one {{#ref}} on this path");
        }
        List<String> order = waves.stream().flatMap(List::stream).toList();
        List<String> selected = selection.apply(graph, order);
        Set<String> chosen = new HashSet<>(selected);
        Resolver mixed = resolver(project, statements, chosen);

        List<PlannedModel> models = new ArrayList<>();
        Set<String> sourcesUsed = new LinkedHashSet<>();
        for (String name : selected) {
            SqlFile file = project.models().get(name);
            Rendered r = rendered.get(name);
            if (!chosen.containsAll(r.models())) {
                r = renderer.render(file, compiled.get(name), mixed);
            }
            sourcesUsed.addAll(r.sources());
            models.add(new PlannedModel(name, file, project.spec(name), r.sql(), r.models(), r.sources()));
        }

        List<CustomCheck> checks = new ArrayList<>();
        for (SqlFile file : project.checks().values()) {
            Rendered r = renderer.render(file, renderer.compile(file), mixed);
            boolean applies = r.models().stream().anyMatch(chosen::contains)
                    || (selection.isAll() && r.models().isEmpty());
            if (applies) {
                sourcesUsed.addAll(r.sources());
                checks.add(new CustomCheck(file.name(), file, r.sql(), r.models(), r.sources()));
            }
        }

        List<SourceSpec> sources = project.descriptor().sources().values().stream()
                .filter(s -> selection.isAll() || sourcesUsed.contains(s.name())).toList();
        List<List<String>> selectedWaves = waves.stream()
                .map(w -> w.stream().filter(chosen::contains).toList()).filter(w -> !w.isEmpty()).toList();
        return new Plan(project, sources, List.copyOf(models), List.copyOf(checks), selectedWaves);
    }

    /** Refs to models in {@code inRun} read their shadows; other models are read as published. */
    private static Resolver resolver(Project project, Statements statements, Set<String> inRun) {
        return new Resolver() {
            @Override
            public String model(String name, Location at) {
                if (!project.models().containsKey(name)) {
                    throw SessionException.config(at, "unknown model '" + name + "' in {{#ref}}",
                            known("models", project.models().keySet()) + "; a model is a file models/<name>.sql.mustache");
                }
                return statements.modelRelation(name, inRun.contains(name));
            }

            @Override
            public String source(String name, Location at) {
                SourceSpec source = project.descriptor().sources().get(name);
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
