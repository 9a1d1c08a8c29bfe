package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model's build: where it runs, the model, and what the last verified publish recorded of its definition.
 *
 * @param full              rebuild from nothing ({@code -Dsession.full=true})
 * @param publishedDefinition the definition fingerprint recorded with the published table, null when none is
 */
public record Build(Warehouse warehouse, Statements statements, PlannedModel model, boolean full,
                    String publishedDefinition, String definition, Progress progress,
                    java.util.concurrent.atomic.AtomicReference<Sql> last) {

    public Build(Warehouse warehouse, Statements statements, PlannedModel model, boolean full,
                 String publishedDefinition, String definition, Progress progress) {
        this(warehouse, statements, model, full, publishedDefinition, definition, progress,
                new java.util.concurrent.atomic.AtomicReference<>());
    }

    /** Runs a statement of the build, remembered so an engine error can be traced to the model's line. */
    public long update(Sql sql) {
        last.set(sql);
        return warehouse.update(sql);
    }

    /**
     * Creates the shadow with {@code create}. A shadow of the other kind (a view where a table is built, or the
     * reverse) is left when a model changed its materialization after a failed run; the engine refuses to replace
     * it, so it is dropped and the statement sent again. Looked up only then: most builds cost no extra query.
     */
    public long createShadow(Sql create, Published otherKind) {
        try {
            return update(create);
        } catch (dev.sessionplugin.core.SessionException e) {
            if (warehouse.inOpenTransaction() || shadowKind() != otherKind) { // in one, CtasStep dropped leftovers
                throw e;
            }
            dropShadow(Statements.shadowOf(model.name()));
            return update(create);
        }
    }

    /** The statement run last, or null. */
    public Sql lastStatement() {
        return last.get();
    }

    /** Where the published relation stands, as the build starts. */
    public enum Published {
        NONE, TABLE, VIEW
    }

    public Published published() {
        return kindOf(model.name());
    }

    public Published shadowKind() {
        return kindOf(Statements.shadowOf(model.name()));
    }

    /**
     * A statement of {@code templates/<dialect>/materialize/}, given the model's shadow, live and batch relations
     * (unless {@code values} names them otherwise).
     */
    public Sql sql(String template, Map<String, Object> values) {
        return sql("ctas", template, values);
    }

    /** {@link #sql(String, Map)} for another step than the build (the publish applying a batch). */
    public Sql sql(String step, String template, Map<String, Object> values) {
        Statements st = statements;
        Map<String, Object> context = new HashMap<>(values);
        context.putIfAbsent("shadow", st.modelRelation(model.name(), true));
        context.putIfAbsent("live", st.modelRelation(model.name(), false));
        context.putIfAbsent("batch", batch());
        return st.sql(step, model.name(), "materialize/" + template, context).named(template);
    }

    public long run(String template, Map<String, Object> values) {
        return update(sql(template, values));
    }

    /** Removes the shadow (or a leftover batch) whatever kind of relation it is; nothing when there is none. */
    public void dropShadow(String table) {
        Statements st = statements;
        Published kind = kindOf(table);
        if (kind != Published.NONE) {
            warehouse.update(st.dropRelation("ctas", model.name(), "drop_" + kind.name().toLowerCase(Locale.ROOT),
                    st.schemaOf(model.name()), table, kind == Published.VIEW));
        }
    }

    private Published kindOf(String table) {
        String kind = statements.kindOf(warehouse, "ctas", model.name(), statements.schemaOf(model.name()), table);
        return kind.isEmpty() ? Published.NONE : kind.contains("VIEW") ? Published.VIEW : Published.TABLE;
    }

    /** A relation's columns (names and engine types), in order, read without rows. */
    public List<dev.sessionplugin.core.warehouse.Warehouse.Column> columns(String relation) {
        return warehouse.columns(statements.describe("ctas", model.name(), relation));
    }

    /** Columns as compared between a batch and a published table: lower-case name and type, in order. */
    public static List<String> shape(List<dev.sessionplugin.core.warehouse.Warehouse.Column> columns) {
        return columns.stream().map(c -> (c.name() + " " + c.type()).toLowerCase(Locale.ROOT)).toList();
    }

    /** The names of columns, as the engine reports them. */
    public static List<String> namesOf(List<dev.sessionplugin.core.warehouse.Warehouse.Column> columns) {
        return columns.stream().map(dev.sessionplugin.core.warehouse.Warehouse.Column::name).toList();
    }

    /** Names as the templates list them: quoted for the engine, with a {@code last} marker for separators. */
    public List<Map<String, Object>> names(List<String> columns) {
        return Statements.listed(columns.stream().map(statements.dialect()::identifier).toList(), "name");
    }

    public String shadow() {
        return statements.modelRelation(model.name(), true);
    }

    public String live() {
        return statements.modelRelation(model.name(), false);
    }

    public String batch() {
        return statements.dialect().relation(statements.schemaOf(model.name()), Statements.batchOf(model.name()));
    }

    /** Rows of a relation. */
    public long count(String relation) {
        return warehouse.queryLong(statements.countRows("ctas", model.name(), relation));
    }
}
