package dev.sessionplugin.core;

import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.SqlFile;

import java.util.List;
import java.util.Set;

/**
 * What a run will do, decided before anything connects: the sources to load, the selected models in build order
 * with their rendered SELECTs, and the custom checks that apply to them.
 */
public record Plan(Project project, List<SourceSpec> sources, List<PlannedModel> models, List<CustomCheck> checks,
                   List<List<String>> waves) {

    /** A selected model, rendered: refs to models built in this run read their shadows. */
    public record PlannedModel(String name, SqlFile file, ModelSpec spec, String select, Set<String> models,
                               Set<String> sources) {
    }

    /** A project check file that returns failing rows, tied to the models it reads. */
    public record CustomCheck(String name, SqlFile file, String sql, Set<String> models, Set<String> sources) {
    }

    public List<String> modelNames() {
        return models.stream().map(PlannedModel::name).toList();
    }
}
