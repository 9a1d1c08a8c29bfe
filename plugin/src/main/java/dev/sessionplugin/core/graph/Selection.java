package dev.sessionplugin.core.graph;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which models a run covers, as in {@code -Dsession.select=a,b+,+c}: {@code name}, {@code name+} (with everything
 * downstream), {@code +name} (with everything upstream). Empty selects all.
 */
public record Selection(String expression) {

    public static final Selection ALL = new Selection("");

    public boolean isAll() {
        return expression == null || expression.isBlank();
    }

    /** The selected models, in the graph's order. */
    public List<String> apply(DependencyGraph graph, List<String> order) {
        if (isAll()) {
            return order;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : expression.split("[,\\s]+")) {
            if (raw.isBlank()) {
                continue;
            }
            boolean up = raw.startsWith("+");
            boolean down = raw.endsWith("+") && raw.length() > 1;
            String name = raw.substring(up ? 1 : 0, raw.length() - (down ? 1 : 0));
            if (!graph.nodes().contains(name)) {
                throw SessionException.config(Location.of("-Dsession.select"), "no model named '" + name + "'",
                        "models: " + String.join(", ", order));
            }
            chosen.add(name);
            if (up) {
                chosen.addAll(closure(name, graph::upstreamOf));
            }
            if (down) {
                chosen.addAll(closure(name, graph::downstreamOf));
            }
        }
        return order.stream().filter(chosen::contains).toList();
    }

    private static Set<String> closure(String start, Function<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            String node = todo.pop();
            if (seen.add(node)) {
                todo.addAll(next.apply(node));
            }
        }
        return seen;
    }
}
