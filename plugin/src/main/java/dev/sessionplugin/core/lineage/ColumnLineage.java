package dev.sessionplugin.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which source and model columns each output column of a SELECT is computed from, read from the engine's own parse
 * tree of the statement ({@code json_serialize_sql} in DuckDB), never from regular expressions. Names resolve
 * through CTEs, subqueries, joins, stars and set operations; a column that cannot be traced (a relation whose
 * columns are not known, a table function, {@code COLUMNS(...)}) is marked unknown rather than guessed.
 */
public final class ColumnLineage {

    /** A column of a source or model. */
    public record Origin(String node, String column) {
    }

    /** An output column: its name as far as the statement says it (null for an unnamed expression). */
    public record Traced(String name, Set<Origin> from, boolean known) {
    }

    /** What the statement's relations are: a relation named {@code schema.table} is this node with these columns. */
    public interface Relations {
        /** The node and its columns, or null when the relation is not a known source or model. */
        Known lookup(String schema, String table);
    }

    /** A known relation: the source or model it is, and its columns in order. */
    public record Known(String node, List<String> columns) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Relations relations;

    private ColumnLineage(Relations relations) {
        this.relations = relations;
    }

    /**
     * The lineage of each output column of a statement, from its parse tree as the engine serialised it.
     *
     * @throws IllegalArgumentException when the engine could not parse it (the tree says {@code error: true})
     */
    public static List<Traced> of(String parseTree, Relations relations) {
        return of(parse(parseTree), relations);
    }

    /** The lineage of each output column, from a tree {@link #parse} read. */
    public static List<Traced> of(JsonNode tree, Relations relations) {
        return new ColumnLineage(relations).query(tree.path("statements").path(0).path("node"), new Scope(null));
    }

    /**
     * The serialised parse tree as a tree (the costly half of tracing, and independent per statement).
     *
     * @throws IllegalArgumentException when the engine could not parse the statement (the tree says
     *                                  {@code error: true})
     */
    public static JsonNode parse(String parseTree) {
        JsonNode root;
        try {
            root = JSON.readTree(parseTree);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a parse tree: " + e.getMessage(), e);
        }
        if (root.path("error").asBoolean(false)) {
            throw new IllegalArgumentException(root.path("error_message").asText("the engine could not parse it"));
        }
        return root;
    }

    /** The relations a query reads (FROM and CTEs), each with its columns, looked up by name. */
    private static final class Scope {
        final Scope outer;
        final Map<String, List<Traced>> ctes = new java.util.LinkedHashMap<>();
        final List<Relation> from = new ArrayList<>();

        Scope(Scope outer) {
            this.outer = outer;
        }

        List<Traced> cte(String name) {
            for (Scope s = this; s != null; s = s.outer) {
                List<Traced> found = s.ctes.get(name.toLowerCase(Locale.ROOT));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    /** A relation in FROM: its alias, its columns, and whether they are all known. */
    private record Relation(String alias, List<Traced> columns, boolean known) {
    }

    private List<Traced> query(JsonNode node, Scope outer) {
        Scope scope = new Scope(outer);
        for (JsonNode cte : node.path("cte_map").path("map")) {
            List<Traced> columns = query(cte.path("value").path("query_node"), scope);
            scope.ctes.put(cte.path("key").asText().toLowerCase(Locale.ROOT),
                    renamed(columns, cte.path("value").path("aliases")));
        }
        if ("SET_OPERATION_NODE".equals(node.path("type").asText())) {
            List<Traced> out = null;
            for (JsonNode child : node.path("children")) {
                List<Traced> side = query(child, scope);
                out = out == null ? side : merged(out, side);
            }
            return out == null ? List.of() : out;
        }
        if (!"SELECT_NODE".equals(node.path("type").asText())) {
            return List.of(new Traced(null, Set.of(), false));
        }
        from(node.path("from_table"), scope);
        List<Traced> out = new ArrayList<>();
        for (JsonNode item : node.path("select_list")) {
            if ("STAR".equals(item.path("class").asText())) {
                out.addAll(star(item, scope));
            } else {
                Set<Origin> origins = new LinkedHashSet<>();
                boolean known = expression(item, scope, origins);
                String alias = item.path("alias").asText("");
                out.add(new Traced(!alias.isEmpty() ? alias : "COLUMN_REF".equals(item.path("class").asText())
                        ? last(item.path("column_names")) : null, origins, known));
            }
        }
        return out;
    }

    private void from(JsonNode table, Scope scope) {
        switch (table.path("type").asText()) {
            case "BASE_TABLE" -> {
                String name = table.path("table_name").asText();
                String alias = table.path("alias").asText("").isEmpty() ? name : table.path("alias").asText();
                List<Traced> cte = table.path("schema_name").asText("").isEmpty() ? scope.cte(name) : null;
                if (cte != null) {
                    scope.from.add(new Relation(alias, renamed(cte, table.path("column_name_alias")), true));
                    return;
                }
                Known known = relations.lookup(table.path("schema_name").asText(""), name);
                if (known == null) {
                    scope.from.add(new Relation(alias, List.of(), false));
                    return;
                }
                List<Traced> columns = new ArrayList<>();
                known.columns().forEach(c -> columns.add(new Traced(c, Set.of(new Origin(known.node(), c)), true)));
                scope.from.add(new Relation(alias, renamed(columns, table.path("column_name_alias")), true));
            }
            case "SUBQUERY" -> {
                List<Traced> columns = query(table.path("subquery").path("node"), scope);
                scope.from.add(new Relation(table.path("alias").asText(""), renamed(columns,
                        table.path("column_name_alias")), columns.stream().allMatch(Traced::known)));
            }
            case "JOIN" -> {
                from(table.path("left"), scope);
                from(table.path("right"), scope);
            }
            case "EMPTY" -> {
            }
            default -> scope.from.add(new Relation(table.path("alias").asText(""), List.of(), false));
        }
    }

    /** {@code *} or {@code alias.*}, less its EXCLUDE list; unknown where a relation's columns are. */
    private List<Traced> star(JsonNode star, Scope scope) {
        String relation = star.path("relation_name").asText("");
        Set<String> excluded = new java.util.HashSet<>();
        star.path("exclude_list").forEach(e -> excluded.add(e.asText().toLowerCase(Locale.ROOT)));
        star.path("qualified_exclude_list").forEach(e -> excluded.add(e.path("column").asText().toLowerCase(Locale.ROOT)));
        boolean plain = !star.path("columns").asBoolean(false) && star.path("replace_list").isEmpty()
                && star.path("rename_list").isEmpty();
        List<Traced> out = new ArrayList<>();
        for (Relation r : scope.from) {
            if (!relation.isEmpty() && !relation.equalsIgnoreCase(r.alias())) {
                continue;
            }
            if (!r.known() || !plain) {
                out.add(new Traced(null, Set.of(), false));
                continue;
            }
            r.columns().stream().filter(c -> c.name() == null || !excluded.contains(c.name().toLowerCase(Locale.ROOT)))
                    .forEach(out::add);
        }
        return out;
    }

    /** Adds the origins of every column an expression reads; false when one of them cannot be traced. */
    private boolean expression(JsonNode node, Scope scope, Set<Origin> origins) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return true;
        }
        if (node.isArray()) {
            boolean known = true;
            for (JsonNode child : node) {
                known &= expression(child, scope, origins);
            }
            return known;
        }
        if (!node.isObject()) {
            return true;
        }
        String kind = node.path("class").asText(node.path("type").asText());
        if ("COLUMN_REF".equals(kind)) {
            return column(node.path("column_names"), scope, origins);
        }
        if ("SUBQUERY".equals(kind) && node.has("subquery")) {
            boolean known = true;
            for (Traced t : query(node.path("subquery").path("node"), scope)) {
                origins.addAll(t.from());
                known &= t.known();
            }
            return known && expression(node.path("child"), scope, origins);
        }
        if ("STAR".equals(kind)) { // count(*) and the like read no particular column
            return true;
        }
        boolean known = true;
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isContainerNode() && !field.getKey().equals("type_expr")
                    && !field.getKey().equals("qualified_name")) {
                known &= expression(field.getValue(), scope, origins);
            }
        }
        return known;
    }

    /** A column reference by name, {@code alias.name} or {@code schema.table.name}. */
    private boolean column(JsonNode names, Scope scope, Set<Origin> origins) {
        List<String> parts = new ArrayList<>();
        names.forEach(n -> parts.add(n.asText()));
        String column = parts.get(parts.size() - 1);
        String relation = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        boolean unknownRelation = false;
        boolean found = false;
        for (Scope s = scope; s != null && !found; s = s.outer) { // a correlated subquery reads outer relations
            for (Relation r : s.from) {
                if (relation != null && !relation.equalsIgnoreCase(r.alias())) {
                    continue;
                }
                unknownRelation |= !r.known();
                for (Traced c : r.columns()) {
                    if (c.name() != null && c.name().equalsIgnoreCase(column)) {
                        origins.addAll(c.from());
                        found = true;
                        if (!c.known()) {
                            return false;
                        }
                    }
                }
            }
        }
        // an unqualified name that a relation of unknown columns might also have cannot be traced
        return found && (relation != null || !unknownRelation);
    }

    /** Output columns of two sides of a set operation: by position, names from the first. */
    private static List<Traced> merged(List<Traced> left, List<Traced> right) {
        List<Traced> out = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Traced l = left.get(i);
            Traced r = i < right.size() ? right.get(i) : new Traced(null, Set.of(), false);
            Set<Origin> from = new LinkedHashSet<>(l.from());
            from.addAll(r.from());
            out.add(new Traced(l.name(), from, l.known() && r.known()));
        }
        return out;
    }

    /** Columns under new names ({@code AS t(a, b)}, a CTE's column list), by position. */
    private static List<Traced> renamed(List<Traced> columns, JsonNode aliases) {
        if (aliases == null || !aliases.isArray() || aliases.isEmpty()) {
            return columns;
        }
        List<Traced> out = new ArrayList<>(columns);
        for (int i = 0; i < aliases.size() && i < out.size(); i++) {
            Traced c = out.get(i);
            out.set(i, new Traced(aliases.get(i).asText(), c.from(), c.known()));
        }
        return out;
    }

    private static String last(JsonNode names) {
        return names.isArray() && !names.isEmpty() ? names.get(names.size() - 1).asText() : null;
    }

}
