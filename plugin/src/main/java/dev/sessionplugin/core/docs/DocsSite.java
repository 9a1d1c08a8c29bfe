package dev.sessionplugin.core.docs;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.WrittenFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * Writes the site: {@code index.html} (the graph, drawn in the browser from the nodes embedded in the page, since a
 * page opened from disk may not fetch files), a page per source and model, {@code catalog.json}, and the shared
 * script and style. Nothing is loaded from the network.
 */
final class DocsSite {

    private static final String RESOURCES = "dev/sessionplugin/docs/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocsSite() {
    }

    /** A node's page relative to the site's root. */
    static String page(String kind, String name) {
        return ("source".equals(kind) ? "sources/" : "models/") + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + ".html";
    }

    static void write(SiteCatalog catalog, Path dir) {
        try {
            Files.createDirectories(dir.resolve("sources"));
            Files.createDirectories(dir.resolve("models"));
            JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("catalog.json").toFile(),
                    catalog);
            for (String asset : List.of("site.css", "graph.js")) {
                try (InputStream in = DocsSite.class.getClassLoader().getResourceAsStream(RESOURCES + asset)) {
                    Files.copy(in, dir.resolve(asset), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            DefaultMustacheFactory html = new DefaultMustacheFactory(RESOURCES);
            Files.writeString(dir.resolve("index.html"), render(html.compile("index.html.mustache"), Map.of(
                    "project", catalog.project(), "graph", embedded(graph(catalog)), "notes", catalog.notes(),
                    "hasNotes", !catalog.notes().isEmpty(), "lastRun", catalog.lastRun() == null ? List.of()
                            : List.of(catalog.lastRun()))));
            Mustache node = html.compile("node.html.mustache");
            Map<String, SiteCatalog.Node> byId = new HashMap<>();
            catalog.nodes().forEach(n -> byId.put(n.id(), n));
            // pages on every core: each is independent, and a large project has thousands
            WrittenFiles pages = WrittenFiles.in(dir);
            catalog.nodes().parallelStream().forEach(n -> pages.write(n.page(), render(node, NodePage.of(catalog,
                    n, byId))));
            pages.save();
            removeOthers(dir, catalog.nodes().stream().map(n -> dir.resolve(n.page())).collect(
                    java.util.stream.Collectors.toSet()));
        } catch (IOException | UncheckedIOException e) {
            throw SessionException.io(Location.of(dir.toString()), "cannot write the documentation site: "
                    + e.getMessage(), "check that the build directory is writable", e);
        }
    }

    /** What the graph needs of each node: no SQL or results, so 10,000 models stay a page the browser opens. */
    private static Map<String, Object> graph(SiteCatalog catalog) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (SiteCatalog.Node n : catalog.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("kind", n.kind());
            m.put("name", n.name());
            m.put("folder", n.folder());
            m.put("tags", n.tags());
            m.put("page", n.page());
            m.put("relation", n.relation());
            m.put("materialization", n.materialization());
            m.put("upstream", n.upstream());
            Map<String, List<String>> columns = new LinkedHashMap<>();
            n.columns().forEach(c -> columns.put(c.name(), c.from()));
            m.put("columns", columns);
            nodes.add(m);
        }
        return Map.of("project", catalog.project(), "nodes", nodes);
    }

    /** JSON inside a script element: {@code </} would end the element early. */
    private static String embedded(Object value) throws JsonProcessingException {
        return JSON.writeValueAsString(value).replace("</", "<\\/");
    }

    private static String render(Mustache template, Object context) {
        StringWriter out = new StringWriter();
        template.execute(out, context);
        return out.toString();
    }

    /** A previous site's pages of sources and models since removed would stay, linked from nowhere. */
    private static void removeOthers(Path dir, java.util.Set<Path> pages) throws IOException {
        for (String folder : List.of("sources", "models")) {
            try (Stream<Path> old = Files.list(dir.resolve(folder))) {
                for (Path p : old.filter(p -> !pages.contains(p)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
