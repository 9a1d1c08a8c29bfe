package dev.sessionplugin.core.graph;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which models a run covers, written as dbt users write it, comma- or space-separated:
 * {@code name}; {@code name+} / {@code +name} (everything downstream / upstream); {@code name+1} / {@code 2+name}
 * (that many levels); {@code @name} (the model, its descendants and all their ancestors); {@code tag:daily};
 * {@code path:models/staging}. {@code exclude} removes what its terms select. Empty selects all.
 */
public record Selection(String expression, String exclude) {

    public static final Selection ALL = new Selection("");

    private static final Pattern TERM = Pattern.compile("^(\\d*\\+)?([A-Za-z_][A-Za-z0-9_]*)(\\+\\d*)?$");

    /** What a selection may ask of a model besides its place in the graph. */
    public interface Attributes {
        Set<String> tags(String model);

        /** The model file's path in the project, e.g. {@code models/staging/stg_orders.sql.mustache}. */
        String path(String model);
    }

    public Selection(String expression) {
        this(expression, "");
    }

    public boolean isAll() {
        return (expression == null || expression.isBlank()) && (exclude == null || exclude.isBlank());
    }

    /** The selected models, in the graph's order. */
    public List<String> apply(DependencyGraph graph, List<String> order, Attributes attributes) {
        if (isAll()) {
            return order;
        }
        Set<String> chosen = expression == null || expression.isBlank() ? new LinkedHashSet<>(order)
                : terms(expression, "-Dsession.select", graph, order, attributes);
        if (exclude != null && !exclude.isBlank()) {
            chosen.removeAll(terms(exclude, "-Dsession.exclude", graph, order, attributes));
        }
        return order.stream().filter(chosen::contains).toList();
    }

    private static Set<String> terms(String text, String where, DependencyGraph graph, List<String> order,
                                     Attributes attributes) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : text.trim().split("[,\\s]+")) {
            if (raw.startsWith("tag:")) {
                String tag = raw.substring(4);
                order.stream().filter(m -> attributes.tags(m).contains(tag)).forEach(chosen::add);
                continue;
            }
            if (raw.startsWith("path:")) {
                String prefix = raw.substring(5).replaceAll("/+$", "");
                order.stream().filter(m -> attributes.path(m).equals(prefix)
                        || attributes.path(m).startsWith(prefix + "/")).forEach(chosen::add);
                continue;
            }
            boolean at = raw.startsWith("@");
            Matcher m = TERM.matcher(at ? raw.substring(1) : raw);
            if (!m.matches()) {
                throw SessionException.config(Location.of(where), "cannot read the selection '" + raw + "'",
                        "write name, +name, name+, 2+name, name+1, @name, tag:<tag> or path:<folder>");
            }
            String name = m.group(2);
            if (!graph.nodes().contains(name)) {
                throw SessionException.config(Location.of(where), "no model named '" + name + "'",
                        "models: " + String.join(", ", order));
            }
            chosen.add(name);
            if (at) {
                Set<String> down = closure(name, graph::downstreamOf, Integer.MAX_VALUE);
                chosen.addAll(down);
                down.add(name);
                down.forEach(d -> chosen.addAll(closure(d, graph::upstreamOf, Integer.MAX_VALUE)));
                continue;
            }
            if (m.group(1) != null) {
                chosen.addAll(closure(name, graph::upstreamOf, depth(m.group(1))));
            }
            if (m.group(3) != null) {
                chosen.addAll(closure(name, graph::downstreamOf, depth(m.group(3))));
            }
        }
        return chosen;
    }

    private static int depth(String plus) {
        String digits = plus.replace("+", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /** The nodes reachable from {@code start} in at most {@code depth} steps of {@code next}. */
    private static Set<String> closure(String start, Function<String, Set<String>> next, int depth) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> frontier = Set.of(start);
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Set<String> following = new LinkedHashSet<>();
            for (String node : frontier) {
                for (String n : next.apply(node)) {
                    if (seen.add(n)) {
                        following.add(n);
                    }
                }
            }
            frontier = following;
        }
        return seen;
    }
}
