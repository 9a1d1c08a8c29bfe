package dev.sessionplugin.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.compile.Compilation;
import dev.sessionplugin.core.materialize.ShopProject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation site of a multi-model project and of the sample: complete, linked, traced, offline. */
class DocsTest {

    @TempDir
    Path dir;

    static RunRequest request(Path dir) {
        return new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null, null,
                "test", RunOptions.DEFAULTS);
    }

    static Docs.Result docs(Path dir) {
        return Docs.generate(request(dir));
    }

    /** The shop project, plus a model read with {@code *} and one whose columns come from {@code COLUMNS(...)}. */
    static Path shop(Path dir) throws IOException {
        ShopProject.write(dir);
        TestProjects.write(dir, "models/marts/wide_events.sql.mustache",
                "SELECT * EXCLUDE (day) FROM {{#ref}}stg_events{{/ref}}");
        TestProjects.write(dir, "models/marts/picked.sql.mustache",
                "SELECT COLUMNS('id|amount') FROM {{#ref}}stg_events{{/ref}}");
        return dir;
    }

    @Test
    void everyModelAndColumnHasAPageAndEveryLinkResolves() throws Exception {
        shop(dir);
        TestProjects.run(dir, Goal.RUN);
        Docs.Result result = docs(dir);
        JsonNode catalog = new ObjectMapper().readTree(result.site().resolve("catalog.json").toFile());
        List<String> models = new ArrayList<>();
        for (JsonNode n : catalog.path("nodes")) {
            Path page = result.site().resolve(n.path("page").asText());
            String html = Files.readString(page);
            assertTrue(html.contains("<h1>" + n.path("name").asText()), page.toString());
            for (JsonNode c : n.path("columns")) {
                assertTrue(html.contains("id=\"col-" + c.path("name").asText() + "\""), page + " " + c);
            }
            if (n.path("kind").asText().equals("model")) {
                models.add(n.path("name").asText());
            }
        }
        try (Stream<Path> files = Files.list(dir.resolve("models")).filter(Files::isRegularFile)) {
            assertTrue(files.count() > 0);
        }
        assertEquals(List.of("base_events", "event_history", "events_append", "events_merge", "kind_history",
                "kind_totals", "picked", "stg_events", "wide_events"), models.stream().sorted().toList());
        assertEquals(List.of(), SiteLinks.broken(result.site()));

        // a model removed since: its page goes, the others are written again
        Files.delete(dir.resolve("models/marts/picked.sql.mustache"));
        Docs.Result again = docs(dir);
        assertFalse(Files.exists(again.site().resolve("models/picked.html")));
        assertTrue(Files.exists(again.site().resolve("models/wide_events.html")));
        assertEquals(List.of(), SiteLinks.broken(again.site()));
    }

    @Test
    void aPageIsWrittenAgainOnlyWhenItChangedOrWasTouched() throws Exception {
        shop(dir);
        Path site = docs(dir).site();
        Path kept = site.resolve("models/kind_history.html");
        Path edited = site.resolve("models/events_append.html");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(kept, old);
        String original = Files.readString(edited);
        Files.writeString(edited, original.replace("<h1>", "<h1>edited "));
        TestProjects.write(dir, "models/marts/kind_totals.sql.mustache", Files.readString(dir.resolve(
                "models/marts/kind_totals.sql.mustache")).replace("AS total", "AS total, count(*) AS events"));

        docs(dir);
        // touched by hand since (its time no longer what was recorded): written again, though its text is the same
        assertTrue(Files.getLastModifiedTime(kept).toMillis() > old.toMillis());
        assertEquals(original, Files.readString(edited), "a page edited by hand is written again");
        assertTrue(Files.readString(site.resolve("models/kind_totals.html")).contains("id=\"col-events\""));
        Path untouched = site.resolve("models/event_history.html");
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(untouched);
        Thread.sleep(20);
        docs(dir);
        assertEquals(before, Files.getLastModifiedTime(untouched), "unchanged and untouched: not written again");
    }

    @Test
    void columnsAreTracedThroughViewsEphemeralsStarsAndAggregates() throws Exception {
        shop(dir);
        Compilation.run(request(dir), TestProjects.collecting(new ArrayList<>()));
        Docs.Result result = docs(dir);
        Map<String, SiteCatalog.Node> nodes = result.catalog().nodes().stream()
                .collect(Collectors.toMap(SiteCatalog.Node::id, n -> n));
        // the ephemeral base_events is inlined: its readers trace to what it reads
        assertEquals(List.of("model:stg_events.amount"), from(nodes, "model:events_merge", "amount"));
        assertEquals(List.of("model:stg_events.amount"), from(nodes, "model:kind_totals", "total"));
        assertEquals(List.of("source:events.ts"), from(nodes, "model:stg_events", "day"));
        assertEquals(List.of("model:stg_events.kind"), from(nodes, "model:wide_events", "kind"));
        assertEquals(List.of("model:events_merge.amount"), from(nodes, "model:event_history", "amount"));
        // a star excluding a column does not produce it
        assertTrue(nodes.get("model:wide_events").columns().stream().noneMatch(c -> c.name().equals("day")));
        // COLUMNS(...) is not followed: unknown, not guessed
        SiteCatalog.Node picked = nodes.get("model:picked");
        assertEquals(List.of("id", "amount"), picked.columns().stream().map(SiteCatalog.Column::name).toList());
        assertTrue(picked.columns().stream().noneMatch(SiteCatalog.Column::traced), picked.toString());
        // the ephemeral model is documented, never created
        assertNull(nodes.get("model:base_events").relation());
        assertEquals("ephemeral", nodes.get("model:base_events").materialization());
        assertEquals(List.of("model:events_append", "model:events_merge", "model:kind_totals"),
                nodes.get("model:base_events").downstream().stream().sorted().toList());
        assertEquals("incremental (delete+insert on kind)", nodes.get("model:kind_totals").materialization());
        assertTrue(nodes.get("model:stg_events").tags().contains("staging"));
        assertEquals("models/staging", nodes.get("model:stg_events").folder());
    }

    @Test
    void checksShowTheLastRunsResultsAndModelsTheirRowsAndDurations() throws Exception {
        shop(dir);
        SiteCatalog.Node before = node(docs(dir), "model:events_merge");
        assertEquals("not run", before.checks().get(0).status());
        assertTrue(before.lastRun().isEmpty());
        TestProjects.run(dir, Goal.RUN);
        SiteCatalog.Node after = node(docs(dir), "model:events_merge");
        assertEquals("unique_id", after.checks().get(0).name());
        assertEquals("passed", after.checks().get(0).status());
        assertEquals(0L, after.checks().get(0).failingRows());
        LastRun.Step ctas = after.lastRun().stream().filter(s -> s.step().equals("ctas")).findFirst().orElseThrow();
        assertEquals(3L, ctas.rows());
        String page = Files.readString(dir.resolve("target/session-docs/models/events_merge.html"));
        assertTrue(page.contains("<td class=\"status passed\""), page);
    }

    @Test
    void theSampleShowsSqlForBothTargetsItsChartAndLineageToTheSources() throws Exception {
        Path project = TestProjects.copyOfTheSample(dir);
        Docs.Result result = docs(project);
        assertTrue(result.notes().get(0).startsWith("column types are unknown: run mvn session:compile"),
                result.notes().toString());
        SiteCatalog.Node summary = node(result, "model:session_summary");
        assertEquals(List.of("duckdb", "snowflake"), List.copyOf(summary.sql().keySet()));
        assertTrue(summary.sql().get("snowflake").contains("\"raw\".\"user_session_channel_table\"")
                || summary.sql().get("snowflake").toLowerCase().contains("raw.user_session_channel_table"),
                summary.sql().get("snowflake"));
        assertEquals(List.of("source:user_session_channel.userId"), from(summary, "userId"));
        assertEquals(List.of("source:session_timestamp.ts"), from(summary, "ts"));
        assertEquals(List.of("Weekly Active Users (wau by P1W)"), summary.charts());
        SiteCatalog.Node byDay = node(result, "model:sessions_by_day");
        assertEquals(List.of("model:session_summary.userId"), from(byDay, "users"));
        assertEquals("distinct users with a session that day on that channel", byDay.columns().stream()
                .filter(c -> c.name().equals("users")).findFirst().orElseThrow().description());
        assertEquals(java.util.Arrays.asList(null, null, null, null), summary.columns().stream()
                .map(SiteCatalog.Column::type).toList(), "no compile and nothing published: no types");
        String index = Files.readString(result.site().resolve("index.html"));
        assertFalse(index.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the site loads nothing from the network");
        assertTrue(index.contains("column types are unknown"), "the note is on the index page");
    }

    @Test
    void typesComeFromTheCompileCatalogElseFromWhatIsPublished() throws Exception {
        Path project = TestProjects.copyOfTheSample(dir);
        TestProjects.run(project, Goal.RUN);
        SiteCatalog.Node compiled = node(docs(project), "model:sessions_by_day");
        assertEquals(List.of("DATE", "VARCHAR", "BIGINT", "BIGINT"), compiled.columns().stream()
                .map(SiteCatalog.Column::type).toList());
        Files.delete(project.resolve("target/session/catalog.json"));
        Docs.Result published = docs(project);
        assertEquals(List.of("DATE", "VARCHAR", "BIGINT", "BIGINT"), node(published, "model:sessions_by_day")
                .columns().stream().map(SiteCatalog.Column::type).toList());
        assertTrue(published.notes().get(0).startsWith("column types are those of the published tables"),
                published.notes().toString());
        // a model changed since: its page says its types may be old
        TestProjects.write(project, "models/marts/sessions_by_day.sql.mustache", Files.readString(project.resolve(
                "models/marts/sessions_by_day.sql.mustache")).replace("AS users", "AS distinct_users"));
        Docs.Result changed = docs(project);
        assertTrue(changed.notes().stream().anyMatch(n -> n.startsWith("models/marts/sessions_by_day.sql.mustache: "
                + "its columns differ")), changed.notes().toString());
    }

    static SiteCatalog.Node node(Docs.Result result, String id) {
        return result.catalog().nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    static List<String> from(Map<String, SiteCatalog.Node> nodes, String id, String column) {
        SiteCatalog.Node node = nodes.get(id);
        assertNotNull(node, id);
        return from(node, column);
    }

    static List<String> from(SiteCatalog.Node node, String column) {
        SiteCatalog.Column c = node.columns().stream().filter(x -> x.name().equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new AssertionError(node.id() + " has no column " + column));
        assertTrue(c.traced(), node.id() + "." + column + " not traced");
        return c.from().stream().sorted().toList();
    }
}
