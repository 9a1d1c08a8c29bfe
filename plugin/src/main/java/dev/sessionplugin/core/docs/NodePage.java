package dev.sessionplugin.core.docs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code node.html.mustache} shows of one source or model; every link is relative to the page. */
final class NodePage {

    private NodePage() {
    }

    static Map<String, Object> of(SiteCatalog catalog, SiteCatalog.Node n, Map<String, SiteCatalog.Node> byId) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("project", catalog.project());
        page.put("node", n);
        page.put("isModel", "model".equals(n.kind()));
        page.put("tags", n.tags());
        page.put("graph", "../index.html#node=" + encode(n.id()));
        List<Map<String, Object>> columns = new ArrayList<>();
        for (SiteCatalog.Column c : n.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("anchor", "col-" + c.name());
            m.put("type", c.type() == null ? "unknown" : c.type());
            m.put("description", c.description());
            m.put("from", c.from().stream().map(o -> origin(o, byId)).toList());
            m.put("unknown", !c.traced());
            m.put("lineage", "../index.html#column=" + encode(n.id() + "." + c.name()));
            columns.add(m);
        }
        page.put("columns", columns);
        page.put("hasLineage", "model".equals(n.kind()));
        page.put("sql", n.sql().entrySet().stream().map(e -> Map.of("target", e.getKey(), "text", e.getValue()))
                .toList());
        page.put("checks", n.checks().stream().map(c -> Map.of("name", c.name(), "status", c.status(),
                "css", c.status().replace(' ', '-'), "failing", c.failingRows() == null ? "" : c.failingRows(),
                "duration", c.durationMs() == null ? "" : c.durationMs() + " ms",
                "detail", c.detail() == null ? "" : c.detail())).toList());
        page.put("steps", n.lastRun());
        page.put("upstream", links(n.upstream(), byId));
        page.put("downstream", links(n.downstream(), byId));
        page.put("charts", n.charts());
        page.put("hasCharts", !n.charts().isEmpty());
        page.put("hasChecks", !n.checks().isEmpty());
        page.put("hasSteps", !n.lastRun().isEmpty());
        page.put("hasSql", !n.sql().isEmpty());
        page.put("lastRun", catalog.lastRun() == null ? List.of() : List.of(catalog.lastRun()));
        return page;
    }

    /** {@code model:orders.amount} as a link to the column on its node's page. */
    private static Map<String, Object> origin(String origin, Map<String, SiteCatalog.Node> byId) {
        int dot = origin.indexOf('.');
        SiteCatalog.Node node = byId.get(origin.substring(0, dot));
        String column = origin.substring(dot + 1);
        String label = (node == null ? origin.substring(0, dot) : node.name()) + "." + column;
        return Map.of("label", label, "href", node == null ? "" : "../" + node.page() + "#col-" + column,
                "linked", node != null);
    }

    private static List<Map<String, Object>> links(List<String> ids, Map<String, SiteCatalog.Node> byId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            SiteCatalog.Node node = byId.get(id);
            if (node != null) {
                out.add(Map.of("name", node.name(), "kind", node.kind(), "href", "../" + node.page()));
            }
        }
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
