package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.CsvFormat;
import dev.sessionplugin.core.descriptor.Descriptor.Schemas;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.warehouse.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every statement the steps run from the dialect's templates. This is the only place that turns names
 * and values into template variables, always through the dialect's quoting.
 */
public final class Statements {

    public static final String SHADOW_SUFFIX = "__shadow";

    private final Dialect dialect;
    private final TemplateFolder templates;
    private final Schemas schemas;

    private final Map<String, String> modelSchemas;

    public Statements(Dialect dialect, TemplateFolder templates, Schemas schemas) {
        this(dialect, templates, schemas, Map.of());
    }

    /** @param modelSchemas the schema of each model published outside {@code schemas.published()} */
    public Statements(Dialect dialect, TemplateFolder templates, Schemas schemas, Map<String, String> modelSchemas) {
        this.dialect = dialect;
        this.templates = templates;
        this.schemas = schemas;
        this.modelSchemas = Map.copyOf(modelSchemas);
    }

    /** The schema a model is published in (its shadow and batch live there too). */
    public String schemaOf(String model) {
        return modelSchemas.getOrDefault(model, schemas.published());
    }

    /** Every schema models are published in: the published schema first, then the models' own. */
    public List<String> publishedSchemas() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.add(schemas.published());
        all.addAll(new java.util.TreeSet<>(modelSchemas.values()));
        return List.copyOf(all);
    }

    public Dialect dialect() {
        return dialect;
    }

    public Schemas schemas() {
        return schemas;
    }

    public static String shadowOf(String model) {
        return model + SHADOW_SUFFIX;
    }

    /** The scratch table an incremental model's new rows are selected into before they are applied. */
    public static String batchOf(String model) {
        return model + "__batch";
    }

    /** The relation a model is read from: its shadow while this run builds it, else the published table. */
    public String modelRelation(String model, boolean shadow) {
        return dialect.relation(schemaOf(model), shadow ? shadowOf(model) : model);
    }

    public String sourceRelation(SourceSpec source) {
        return dialect.relation(schemas.staging(), source.table());
    }

    /**
     * What a published view reads a source from: a copy of its staging table made as the view is published. A
     * run reloads the staging table before its checks; a view reading that directly would show unchecked rows
     * (and an empty table while they load) to its readers, whatever the checks then say.
     */
    public String publishedSourceRelation(SourceSpec source) {
        return dialect.relation(schemas.staging(), source.table() + PUBLISHED_SOURCE);
    }

    /** The suffix of a source's copy for published views ({@link #publishedSourceRelation}). */
    public static final String PUBLISHED_SOURCE = "__published";

    /** Refreshes the copy of a source that published views read, from its staging table as this run checked it. */
    public Sql copySourceForViews(String model, SourceSpec source) {
        return sql("swap", model, "publish_source_copy", Map.of("source", sourceRelation(source),
                "copy", publishedSourceRelation(source))).named("publish_source_copy." + source.name());
    }

    public Sql createSchema(String step, String schema) {
        return sql(step, schema, "create_schema", Map.of("schema", dialect.identifier(schema)));
    }

    /**
     * Creates {@code schema} only when it is missing. Looked up first: on Snowflake CREATE SCHEMA IF NOT EXISTS
     * needs the CREATE SCHEMA privilege on the database even when the schema exists, which a least-privilege role
     * that owns pre-created schemas does not have.
     */
    public void ensureSchema(dev.sessionplugin.core.warehouse.Warehouse warehouse, String step, String schema) {
        long present = warehouse.queryLong(sql(step, schema, "schema_exists",
                Map.of("schema_name", dialect.literal(schema))));
        if (present == 0 || !warehouse.executes()) {
            warehouse.update(createSchema(step, schema));
            if (publishedSchemas().contains(schema)) { // readers reach tables only through USAGE on their schema
                for (String role : dialect.readRoles()) {
                    warehouse.update(sql(step, schema, "grant_usage", Map.of("schema", dialect.identifier(schema),
                            "role", dialect.identifier(role))).named("grant_usage." + role));
                }
            }
        }
    }

    public Sql createStagingTable(SourceSpec source) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int i = 0; i < source.columns().size(); i++) {
            var c = source.columns().get(i);
            columns.add(Map.of("name", dialect.identifier(c.name()), "type", dialect.columnType(c.type()),
                    "last", i == source.columns().size() - 1));
        }
        return sql("stage", source.name(), "create_staging_table",
                Map.of("table", sourceRelation(source), "columns", columns));
    }

    /** @param file where the engine reads the CSV from: a local path, or a URI under the source's stage */
    public Sql loadCsv(SourceSpec source, String file) {
        CsvFormat csv = source.csv();
        Map<String, Object> context = new HashMap<>(Map.of("table", sourceRelation(source),
                "file", dialect.literal(file), "stage", stageOf(source),
                "file_name", dialect.literal(file.substring(file.lastIndexOf('/') + 1)),
                "delimiter", dialect.literal(csv.delimiter()), "quote", dialect.literal(csv.quote()),
                "header", csv.header(), "skip_header", csv.header() ? 1 : 0,
                "encoding", dialect.literal(dialect.csvEncoding(csv.encoding()))));
        context.put("null", csv.nullString() == null ? false : Map.of("value", dialect.literal(csv.nullString())));
        context.put("date_format", csv.dateFormat() == null ? false
                : Map.of("value", dialect.literal(dialect.csvDateFormat(csv.dateFormat()))));
        context.put("timestamp_format", csv.timestampFormat() == null ? false
                : Map.of("value", dialect.literal(dialect.csvDateFormat(csv.timestampFormat()))));
        return sql("stage", source.name(), "load_csv", context);
    }

    /** An external stage on the folder of a source's remote files. */
    public Sql createStage(SourceSpec source, String fileUri) {
        return sql("stage", source.name(), "create_stage", Map.of("stage", stageOf(source),
                "url", dialect.literal(fileUri.substring(0, fileUri.lastIndexOf('/') + 1))));
    }

    /** An internal stage for a source's local files (engines that cannot read this machine's files). */
    public Sql createInternalStage(SourceSpec source) {
        return sql("stage", source.name(), "create_internal_stage", Map.of("stage", stageOf(source)));
    }

    /**
     * Uploads a local file to the source's internal stage under its own name. The template holds no comment: the
     * driver performs a PUT only when the statement starts with it.
     */
    public Sql putFile(SourceSpec source, java.nio.file.Path file) {
        String path = file.toAbsolutePath().toString().replace('\\', '/');
        return sql("stage", source.name(), "put_file", Map.of("stage", stageOf(source),
                "file_url", dialect.literal("file://" + (path.startsWith("/") ? "" : "/") + path)))
                .named("put." + file.getFileName());
    }

    /** The stage's listing under one remote file's name: name, size, md5 and last-modified as the warehouse sees them. */
    public Sql listStage(SourceSpec source, String fileUri) {
        return sql("plan", source.name(), "list_stage", Map.of("location",
                dialect.literal("@" + stageOf(source) + "/" + fileUri.substring(fileUri.lastIndexOf('/') + 1))));
    }

    /** A file format reading the source's files with their header line as data (engines that read remotely). */
    public Sql headerFormat(SourceSpec source) {
        CsvFormat csv = source.csv();
        return sql("stage", source.name(), "header_format", Map.of("format", headerFormatOf(source),
                "delimiter", dialect.literal(csv.delimiter()), "quote", dialect.literal(csv.quote()),
                "encoding", dialect.literal(dialect.csvEncoding(csv.encoding()))));
    }

    /** The first line of a remote file, one column per declared column (plus one, to see an extra column). */
    public Sql readHeader(SourceSpec source, String fileUri) {
        List<Map<String, Object>> columns = new ArrayList<>();
        int count = source.columns().size() + 1;
        for (int i = 1; i <= count; i++) {
            columns.add(Map.of("position", i, "last", i == count));
        }
        return sql("stage", source.name(), "read_header", Map.of("columns", columns,
                "location", "@" + stageOf(source) + "/" + fileUri.substring(fileUri.lastIndexOf('/') + 1),
                "format_name", dialect.literal(headerFormatOf(source))));
    }

    private String headerFormatOf(SourceSpec source) {
        return dialect.relation(schemas.staging(), source.name() + "_header");
    }

    private String stageOf(SourceSpec source) {
        return dialect.relation(schemas.staging(), source.name() + "_stage");
    }

    /** One statement that exchanges a live table and its shadow (engines that have it). */
    public Sql swap(String model, String schema, String live, String shadow) {
        return sql("swap", model, "swap_tables", Map.of("live", dialect.relation(schema, live),
                "shadow", dialect.relation(schema, shadow)));
    }

    public Sql grantSelect(String model, String role) {
        return sql("ctas", model, "grant_select", Map.of("table", modelRelation(model, true),
                "role", dialect.identifier(role))).named("grant." + role);
    }

    public Sql ctasShadow(String model, String select) {
        return sql("ctas", model, "ctas_shadow", Map.of("shadow", modelRelation(model, true), "select", select));
    }

    public Sql countRows(String step, String subject, String relation) {
        return sql(step, subject, "count_rows", Map.of("relation", relation));
    }

    /** The columns of a relation, read through a query that returns no rows. */
    public Sql describe(String step, String subject, String relation) {
        return sql(step, subject, "describe", Map.of("relation", relation));
    }

    public Sql tableExists(String step, String subject, String schema, String table) {
        return sql(step, subject, "table_exists", Map.of("schema_name", dialect.literal(schema),
                "table_name", dialect.literal(table)));
    }

    /**
     * A built-in check as a query returning the failing rows.
     *
     * @param relation the relation checked (a shadow or a staging table)
     * @param target   for {@code relationships}: the relation the keys must exist in
     */
    public Sql check(String subject, String relation, CheckSpec check, String target) {
        return sql("test", subject, "checks/" + check.type(), checkContext(relation, check, target))
                .named(check.name());
    }

    /**
     * A check of a shadow made of published rows that passed it and an incremental batch, reading only what can
     * fail: the batch, and for checks that compare rows, the published rows equal to it ({@code checks/<type>_batch}).
     *
     * @param kept the published rows the batch leaves (a relation or a parenthesised SELECT)
     */
    public Sql checkBatch(String subject, CheckSpec check, String kept, String batch, List<String> allColumns) {
        var scope = dev.sessionplugin.core.descriptor.CheckType.of(check.type()).orElseThrow().batchScope();
        if (scope == dev.sessionplugin.core.descriptor.CheckType.BatchScope.ROWS) {
            return check(subject, batch, check, null);
        }
        Map<String, Object> context = checkContext(batch, check, null);
        context.put("kept", kept);
        context.put("batch", batch);
        context.put("all_columns", listed(allColumns.stream().map(dialect::identifier).toList(), "name"));
        return sql("test", subject, "checks/" + check.type() + "_batch", context).named(check.name());
    }

    private Map<String, Object> checkContext(String relation, CheckSpec check, String target) {
        Map<String, Object> context = new HashMap<>();
        context.put("relation", relation);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int i = 0; i < check.columns().size(); i++) {
            columns.add(Map.of("name", dialect.identifier(check.columns().get(i)),
                    "last", i == check.columns().size() - 1));
        }
        context.put("columns", columns);
        context.put("column", check.columns().isEmpty() ? "" : dialect.identifier(check.columns().get(0)));
        for (String key : List.of("min", "max", "within_percent")) {
            Object value = check.params().get(key);
            context.put(key, value == null ? false : Map.of("value", value));
        }
        if (check.params().get("values") instanceof List<?> values) {
            List<Map<String, Object>> literals = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                literals.add(Map.of("value", dialect.literal(String.valueOf(values.get(i))),
                        "last", i == values.size() - 1));
            }
            context.put("values", literals);
        }
        if (check.params().get("field") != null) {
            context.put("field", dialect.identifier(String.valueOf(check.params().get("field"))));
        } else if (!check.columns().isEmpty()) {
            context.put("field", dialect.identifier(check.columns().get(0)));
        }
        context.put("target", target != null);
        if (target != null) {
            context.put("target_relation", target);
        }
        if (check.params().get("max_age") instanceof String age) {
            String unit = switch (age.charAt(age.length() - 1)) {
                case 'm' -> "minute";
                case 'h' -> "hour";
                default -> "day";
            };
            context.put("max_age", Map.of("amount", age.replaceAll("\\D", ""), "unit", unit));
        }
        return context;
    }

    /** Keeps a check's failing rows in the audit schema so they can be queried after the run. */
    public Sql keepFailures(String subject, String check, String failingRowsQuery) {
        return sql("test", subject, "keep_failures", Map.of("table",
                dialect.relation(schemas.audit(), subject + "__" + check), "query", failingRowsQuery))
                .named(check + ".keep");
    }

    public Sql rename(String step, String subject, String purpose, String schema, String from, String to) {
        return sql(step, subject, "rename_table", Map.of("from", dialect.relation(schema, from),
                "to", dialect.identifier(to), "to_relation", dialect.relation(schema, to))).named(purpose);
    }

    /** Drops a table or, with {@code view}, a view. */
    public Sql dropRelation(String step, String subject, String purpose, String schema, String table, boolean view) {
        return sql(step, subject, view ? "drop_view" : "drop_table", Map.of("table", dialect.relation(schema, table)))
                .named(purpose);
    }

    /** What a relation is: "BASE TABLE" or "VIEW" (as the engine spells it), no row when there is none. */
    public Sql relationKind(String step, String subject, String schema, String table) {
        return sql(step, subject, "relation_kind", Map.of("schema_name", dialect.literal(schema),
                "table_name", dialect.literal(table)));
    }

    /** What a relation is, upper-case ("BASE TABLE", "VIEW"), or "" when there is none. */
    public String kindOf(dev.sessionplugin.core.warehouse.Warehouse warehouse, String step, String subject,
                         String schema, String table) {
        List<Map<String, Object>> rows = warehouse.queryRows(relationKind(step, subject, schema, table), 1);
        return rows.isEmpty() ? "" : String.valueOf(rows.get(0).values().iterator().next())
                .toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * What relations are, looked up a whole schema at a time and each schema once: {@code (schema, table)} to the
     * same answer as {@link #kindOf}. For a step that asks about many relations that it does not change meanwhile.
     */
    public java.util.function.BinaryOperator<String> kinds(dev.sessionplugin.core.warehouse.Warehouse warehouse,
                                                            String step) {
        Map<String, Map<String, String>> bySchema = new HashMap<>();
        return (schema, table) -> bySchema.computeIfAbsent(schema, s -> kindsIn(warehouse, step, s))
                .getOrDefault(table.toLowerCase(java.util.Locale.ROOT), "");
    }

    /** Items for a template list with a {@code last} marker, so no trailing comma is written. */
    public static List<Map<String, Object>> listed(List<String> items, String key) {
        return rows(items.stream().map(item -> Map.<String, Object>of(key, item)).toList());
    }

    /** A view under its live name over the published relations. */
    public Sql createView(String model, String schema, String live, String select) {
        return sql("swap", model, "create_view", Map.of("live", dialect.relation(schema, live), "select", select));
    }

    public Sql dropTable(String step, String subject, String purpose, String schema, String table) {
        return sql(step, subject, "drop_table", Map.of("table", dialect.relation(schema, table))).named(purpose);
    }

    /** The run's bookkeeping: when each shadow was built and whether its checks passed since. */
    public Sql ledger(String template, Map<String, Object> values) {
        Map<String, Object> context = new HashMap<>(values);
        context.put("ledger", dialect.relation(schemas.meta(), "shadows"));
        return sql("meta", "shadows", template, context);
    }

    /**
     * At most this many rows go into one bookkeeping statement: one statement for a step's models instead of one
     * per model, still far below the engines' limits on a statement's size.
     */
    public static final int BATCH_ROWS = 500;

    /** The name of a batch's statement: the template's for the first, numbered after it for the others. */
    public static String batchName(String template, int batch) {
        return batch == 0 ? template : template + "." + (batch + 1);
    }

    /** {@code items} in consecutive slices of at most {@link #BATCH_ROWS}, in order. */
    public static <T> List<List<T>> batches(java.util.Collection<T> items) {
        List<T> all = List.copyOf(items);
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH_ROWS) {
            out.add(all.subList(from, Math.min(all.size(), from + BATCH_ROWS)));
        }
        return out;
    }

    /** Rows for a template list, each marked {@code last} or not, so no trailing comma or UNION is written. */
    public static List<Map<String, Object>> rows(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = new HashMap<>(rows.get(i));
            row.put("last", i == rows.size() - 1);
            out.add(row);
        }
        return out;
    }

    /**
     * Rows of several relations in one query per {@link #BATCH_ROWS}, keyed by the given names.
     *
     * @param relations name (as it should come back) -> relation
     */
    public Map<String, Long> countRowsEach(dev.sessionplugin.core.warehouse.Warehouse warehouse, String step,
                                           Map<String, String> relations) {
        Map<String, Long> out = new HashMap<>();
        int n = 0;
        for (List<Map.Entry<String, String>> batch : batches(relations.entrySet())) {
            List<Map<String, Object>> items = batch.stream().map(e -> Map.<String, Object>of(
                    "name", dialect.literal(e.getKey()), "relation", e.getValue())).toList();
            Sql query = sql(step, "published", "count_rows_each", Map.of("relations", rows(items)))
                    .named(batchName("count_rows_each", n++));
            for (Map<String, Object> row : warehouse.queryRows(query, BATCH_ROWS)) {
                out.put(String.valueOf(dev.sessionplugin.core.warehouse.Warehouse.value(row, "name")),
                        ((Number) dev.sessionplugin.core.warehouse.Warehouse.value(row, "n")).longValue());
            }
        }
        return out;
    }

    /**
     * The kind of every relation in one schema, upper-case ("BASE TABLE", "VIEW"), keyed by lower-case name: one
     * look-up instead of one per relation (each scans the catalog, which grows with the models).
     */
    public Map<String, String> kindsIn(dev.sessionplugin.core.warehouse.Warehouse warehouse, String step,
                                       String schema) {
        Map<String, String> out = new HashMap<>();
        Sql query = sql(step, schema, "relation_kinds", Map.of("schema_name", dialect.literal(schema)));
        for (Map<String, Object> row : warehouse.queryRows(query, Integer.MAX_VALUE)) {
            var values = row.values().iterator();
            out.put(String.valueOf(values.next()).toLowerCase(java.util.Locale.ROOT),
                    String.valueOf(values.next()).toUpperCase(java.util.Locale.ROOT));
        }
        return out;
    }

    /** A statement from {@code templates/<dialect>/<template>.sql.mustache} with the given variables. */
    public Sql sql(String step, String subject, String template, Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(dialect.templateVariables());
        all.putAll(context);
        return new Sql(step, subject, template, templates.render(template, all));
    }
}
