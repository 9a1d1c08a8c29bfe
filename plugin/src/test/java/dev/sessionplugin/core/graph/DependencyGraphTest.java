package dev.sessionplugin.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sessionplugin.core.SessionException;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    /** a ← b ← d, a ← c ← d, e alone. */
    static DependencyGraph diamond() {
        DependencyGraph g = new DependencyGraph();
        g.add("d", List.of("b", "c"));
        g.add("b", List.of("a"));
        g.add("c", List.of("a"));
        g.add("a", List.of());
        g.add("e", List.of());
        return g;
    }

    @Test
    void ordersDependenciesFirstAndGroupsWaves() {
        DependencyGraph g = diamond();
        List<String> order = g.order();
        assertEquals(5, order.size());
        assertEquals(true, order.indexOf("a") < order.indexOf("b"));
        assertEquals(true, order.indexOf("b") < order.indexOf("d"));
        assertEquals(true, order.indexOf("c") < order.indexOf("d"));
        assertEquals(List.of(List.of("a", "e"), List.of("b", "c"), List.of("d")), g.waves());
        assertEquals(order, diamond().order(), "the order is stable");
    }

    @Test
    void cycleIsReportedAsTheWholePath() {
        DependencyGraph g = new DependencyGraph();
        g.add("a", List.of("c"));
        g.add("b", List.of("a"));
        g.add("c", List.of("b"));
        g.add("x", List.of());
        var e = assertThrows(DependencyGraph.CycleException.class, g::order);
        List<String> cycle = e.cycle();
        assertEquals(cycle.get(0), cycle.get(cycle.size() - 1));
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(cycle));
        assertEquals(4, cycle.size());
        // each step a -> b means b reads a
        for (int i = 0; i + 1 < cycle.size(); i++) {
            assertEquals(true, g.upstreamOf(cycle.get(i + 1)).contains(cycle.get(i)), cycle.toString());
        }
    }

    @Test
    void selfReferenceIsACycle() {
        DependencyGraph g = new DependencyGraph();
        g.add("a", List.of("a"));
        assertEquals(List.of("a", "a"), assertThrows(DependencyGraph.CycleException.class, g::order).cycle());
    }

    @Test
    void selectionWithAncestorsAndDescendants() {
        DependencyGraph g = diamond();
        List<String> order = g.order();
        assertEquals(order, Selection.ALL.apply(g, order, NO_ATTRIBUTES));
        assertEquals(List.of("b"), new Selection("b").apply(g, order, NO_ATTRIBUTES));
        assertEquals(List.of("b", "d"), new Selection("b+").apply(g, order, NO_ATTRIBUTES));
        assertEquals(List.of("a", "b"), new Selection("+b").apply(g, order, NO_ATTRIBUTES));
        assertEquals(List.of("a", "e", "b", "c", "d"), new Selection("+d, e").apply(g, order, NO_ATTRIBUTES));
        var e = assertThrows(SessionException.class, () -> new Selection("zz").apply(g, order, NO_ATTRIBUTES));
        assertEquals(true, e.getMessage().contains("no model named 'zz'"));
    }

    static final Selection.Attributes NO_ATTRIBUTES = new Selection.Attributes() {
        public java.util.Set<String> tags(String model) {
            return java.util.Set.of();
        }

        public String path(String model) {
            return "models/" + model + ".sql.mustache";
        }
    };

    /** a and b are staging models in models/staging/; c is tagged daily. */
    static final Selection.Attributes ATTRIBUTES = new Selection.Attributes() {
        public java.util.Set<String> tags(String model) {
            return model.equals("c") ? java.util.Set.of("daily") : java.util.Set.of();
        }

        public String path(String model) {
            return "models/" + (model.equals("a") || model.equals("b") ? "staging/" : "") + model + ".sql.mustache";
        }
    };

    @Test
    void selectionFormsDbtUsersWrite() {
        DependencyGraph g = diamond();
        List<String> order = g.order();
        assertEquals(List.of("a", "b", "c", "d"), new Selection("@b").apply(g, order, ATTRIBUTES),
                "b, what reads it (d), and everything d reads");
        assertEquals(List.of("b", "c", "d"), new Selection("1+d").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("a", "b", "c", "d"), new Selection("2+d").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("a", "b", "c"), new Selection("a+1").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("c"), new Selection("tag:daily").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("a", "b"), new Selection("path:models/staging").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("b", "c", "d"), new Selection("+d", "a").apply(g, order, ATTRIBUTES));
        assertEquals(List.of("a", "e", "b", "d"), new Selection("", "tag:daily").apply(g, order, ATTRIBUTES),
                "exclude alone starts from everything");
        var bad = assertThrows(SessionException.class, () -> new Selection("b++").apply(g, order, ATTRIBUTES));
        assertEquals(true, bad.getMessage().contains("cannot read the selection 'b++'"), bad.getMessage());
    }
}
