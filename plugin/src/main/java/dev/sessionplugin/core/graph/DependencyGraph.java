package dev.sessionplugin.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Models and what each reads. Order is stable: among models that are ready at the same time, the one added first
 * comes first, so logs and reports read the same on every run.
 */
public final class DependencyGraph {

    private final Map<String, Set<String>> upstream = new LinkedHashMap<>();
    private final Map<String, Set<String>> downstream = new HashMap<>();

    public void add(String node, Collection<String> dependsOn) {
        upstream.computeIfAbsent(node, k -> new LinkedHashSet<>()).addAll(dependsOn);
        downstream.computeIfAbsent(node, k -> new LinkedHashSet<>());
        for (String dep : dependsOn) {
            downstream.computeIfAbsent(dep, k -> new LinkedHashSet<>()).add(node);
            upstream.computeIfAbsent(dep, k -> new LinkedHashSet<>());
        }
    }

    public Set<String> nodes() {
        return upstream.keySet();
    }

    public Set<String> upstreamOf(String node) {
        return upstream.getOrDefault(node, Set.of());
    }

    public Set<String> downstreamOf(String node) {
        return downstream.getOrDefault(node, Set.of());
    }

    /** Every node after all it depends on; fails with the whole cycle when there is one. */
    public List<String> order() {
        return waves().stream().flatMap(List::stream).toList();
    }

    /** Groups of nodes that can be built at the same time: each wave only reads earlier waves. */
    public List<List<String>> waves() {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (String node : upstream.keySet()) {
            position.put(node, position.size());
        }
        List<String> ready = new ArrayList<>();
        for (var entry : upstream.entrySet()) {
            waiting.put(entry.getKey(), entry.getValue().size());
            if (entry.getValue().isEmpty()) {
                ready.add(entry.getKey());
            }
        }
        List<List<String>> waves = new ArrayList<>();
        int placed = 0;
        while (!ready.isEmpty()) {
            waves.add(List.copyOf(ready));
            placed += ready.size();
            List<String> next = new ArrayList<>();
            for (String done : ready) {
                for (String child : downstreamOf(done)) {
                    if (waiting.merge(child, -1, Integer::sum) == 0) {
                        next.add(child);
                    }
                }
            }
            next.sort(java.util.Comparator.comparing(position::get));
            ready = next;
        }
        if (placed < upstream.size()) {
            throw new CycleException(findCycle().orElseThrow());
        }
        return waves;
    }

    /** A cycle as a path that starts and ends with the same node, e.g. [a, b, c, a]. */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String start : upstream.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> stack = new ArrayDeque<>();
            path.push(start);
            stack.push(upstreamOf(start).iterator());
            state.put(start, 1);
            while (!stack.isEmpty()) {
                var it = stack.peek();
                if (!it.hasNext()) {
                    state.put(path.pop(), 2);
                    stack.pop();
                    continue;
                }
                String dep = it.next();
                Integer s = state.get(dep);
                if (s == null) {
                    state.put(dep, 1);
                    path.push(dep);
                    stack.push(upstreamOf(dep).iterator());
                } else if (s == 1) {
                    // The path was walked along "reads" edges, newest first, which is build order (a -> b: b reads a).
                    List<String> onPath = new ArrayList<>(path);
                    List<String> cycle = new ArrayList<>(onPath.subList(0, onPath.indexOf(dep) + 1));
                    cycle.add(cycle.get(0));
                    return Optional.of(cycle);
                }
            }
        }
        return Optional.empty();
    }

    /** Thrown when models read each other in a circle. */
    public static final class CycleException extends RuntimeException {
        private final List<String> cycle;

        CycleException(List<String> cycle) {
            super("dependency cycle: " + String.join(" -> ", cycle));
            this.cycle = List.copyOf(cycle);
        }

        public List<String> cycle() {
            return cycle;
        }
    }
}
