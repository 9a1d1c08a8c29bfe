package dev.sessionplugin.core.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks a generated documentation site's links (tests and the docs-site IT). */
public final class SiteLinks {

    private SiteLinks() {
    }

    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    /** Every href and src of every page, resolved against the page: files that exist, anchors they hold. */
    public static List<String> broken(Path site) throws IOException {
        List<String> broken = new ArrayList<>();
        JsonNode catalog = new ObjectMapper().readTree(site.resolve("catalog.json").toFile());
        List<String> ids = new ArrayList<>();
        catalog.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        List<Path> pages;
        try (Stream<Path> all = Files.walk(site)) {
            pages = all.filter(p -> p.toString().endsWith(".html")).toList();
        }
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String link = m.group(1).replace("&#61;", "=").replace("&amp;", "&");
                if (link.contains("//")) {
                    broken.add(page.getFileName() + ": external " + link);
                    continue;
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                String anchor = link.contains("#") ? URLDecoder.decode(link.substring(link.indexOf('#') + 1),
                        StandardCharsets.UTF_8) : null;
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(page.getFileName() + ": " + link);
                } else if (anchor != null && (anchor.startsWith("node=") || anchor.startsWith("column="))) {
                    String id = anchor.substring(anchor.indexOf('=') + 1);
                    String node = anchor.startsWith("column=") ? id.substring(0, id.indexOf('.')) : id;
                    if (!ids.contains(node)) {
                        broken.add(page.getFileName() + ": " + link + " names no node");
                    }
                } else if (anchor != null && !Files.readString(target).contains("id=\"" + anchor + "\"")) {
                    broken.add(page.getFileName() + ": " + link + " has no such anchor");
                }
            }
        }
        return broken;
    }
}
