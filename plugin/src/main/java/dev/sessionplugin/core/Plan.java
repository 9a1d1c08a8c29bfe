package dev.sessionplugin.core;

import dev.sessionplugin.core.descriptor.ModelSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.descriptor.SqlFile;

import java.util.List;
import java.util.Set;

/**
 * What a run will do, decided before anything connects: the sources to load, the selected models in build order
 * with their rendered SELECTs, the models whose checks run on their published tables without a rebuild, and the
 * custom checks that apply to them.
 */
public record Plan(Project project, List<SourceSpec> sources, List<PlannedModel> models, List<PlannedModel> verified,
                   List<CustomCheck> checks, List<List<String>> waves) {

    /**
     * A selected model, rendered: refs to models built in this run read their shadows. {@code canonical} is the
     * same SQL with every ref read as a shadow, so it does not depend on what else a run builds (fingerprints); it
     * also holds the batch SQL and the materialization, so changing either changes the model's definition.
     * Ephemeral models are never planned: they are inlined, and {@code models} holds what they read instead.
     *
     * @param batch     an incremental model's new rows on a run that adds to its published table, else null
     * @param published a view's SELECT reading every ref as published (what the live view is created with), else
     *                  null
     * @param prelude   lines of inlined ephemeral models put before the file's own SQL in {@code select}
     */
    public record PlannedModel(String name, SqlFile file, ModelSpec spec, String select, String canonical,
                               Set<String> models, Set<String> sources, String batch, String published,
                               int prelude) {

        public dev.sessionplugin.core.descriptor.Materialized materialized() {
            return spec.materialization();
        }

        private static final java.util.regex.Pattern ENGINE_LINE = java.util.regex.Pattern.compile("\\bLINE (\\d+):");

        /**
         * The line of this model's file that an engine error points at: the engine counts lines from the start of
         * the statement it ran ({@code LINE n:}), and the SELECT starts after the statement template's own lines.
         * 0 when the engine names no line.
         */
        public int lineOf(String statement, String engineMessage) {
            java.util.regex.Matcher line = ENGINE_LINE.matcher(engineMessage);
            int at = statement.indexOf(select);
            if (at < 0 && batch != null) {
                at = statement.indexOf(batch);
            }
            if (at < 0) {
                return 0;
            }
            if (!line.find()) {
                return lineOfFunction(this, engineMessage);
            }
            int before = (int) statement.substring(0, at).chars().filter(c -> c == '\n').count();
            return Math.max(1, Integer.parseInt(line.group(1)) - before - prelude);
        }
    }

    private static final java.util.regex.Pattern NO_FUNCTION = java.util.regex.Pattern.compile(
            "argument types '([^'(]+)\\(");

    /**
     * The engine names no line for a call with the wrong arguments, only the function or operator ({@code No
     * function matches the given name and argument types 'date_trunc(TIMESTAMP)'}): the first line using it.
     */
    private static int lineOfFunction(PlannedModel model, String engineMessage) {
        java.util.regex.Matcher function = NO_FUNCTION.matcher(engineMessage);
        if (!function.find()) {
            return 0;
        }
        String name = function.group(1);
        java.util.regex.Matcher call = java.util.regex.Pattern.compile(name.matches("\\w+")
                ? "(?i)\\b" + name + "\\s*\\(" : java.util.regex.Pattern.quote(name)).matcher(model.select());
        if (!call.find()) {
            return 0;
        }
        int line = 1 + (int) model.select().substring(0, call.start()).chars().filter(c -> c == '\n').count();
        return Math.max(1, line - model.prelude());
    }

    /** A project check file that returns failing rows, tied to the models it reads. */
    public record CustomCheck(String name, SqlFile file, String sql, String canonical, Set<String> models,
                              Set<String> sources) {

        /** The model its result is reported under (the first it reads), or its own name. */
        public String subject() {
            return models.isEmpty() ? name : models.iterator().next();
        }
    }

    public List<String> modelNames() {
        return models.stream().map(PlannedModel::name).toList();
    }
}
