package dev.sessionplugin.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SqlFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {

    @TempDir
    Path dir;

    final ModelRenderer renderer = new ModelRenderer(Map.of("since", "2019-05-01"), "duckdb");

    final ModelRenderer.Resolver resolver = new ModelRenderer.Resolver() {
        @Override
        public String model(String name, Location at) {
            if (!name.equals("upstream")) {
                throw SessionException.config(at, "unknown model '" + name + "'", null);
            }
            return "analytics.upstream__shadow";
        }

        @Override
        public String source(String name, Location at) {
            return "raw." + name + "_table";
        }
    };

    SqlFile file(String text) throws IOException {
        Path path = dir.resolve("m.sql.mustache");
        Files.writeString(path, text);
        return new SqlFile("m", path, "models/m.sql.mustache");
    }

    ModelRenderer.Rendered render(String text) throws IOException {
        SqlFile f = file(text);
        return renderer.render(f, renderer.compile(f), resolver);
    }

    @Test
    void refsAndSourcesBecomeRelationsAndDependencies() throws IOException {
        var r = render("SELECT * FROM {{#ref}} upstream {{/ref}} u\nJOIN {{#source}}events{{/source}} e USING (id)\n"
                + "WHERE ts >= '{{vars.since}}'{{#target.snowflake}} AND snowflake_only{{/target.snowflake}};\n");
        assertEquals("SELECT * FROM analytics.upstream__shadow u\nJOIN raw.events_table e USING (id)\n"
                + "WHERE ts >= '2019-05-01'", r.sql());
        assertEquals(Set.of("upstream"), r.models());
        assertEquals(Set.of("events"), r.sources());
    }

    @Test
    void aSectionEndingALineOfTextKeepsItsLineBreak() throws IOException {
        String template = "SELECT kind\nFROM t\n{{#target.duckdb}}WHERE kind IN (a,\n  b){{/target.duckdb}}\n"
                + "GROUP BY kind\n{{#target.duckdb}}\nORDER BY kind\n{{/target.duckdb}}\nLIMIT 1";
        // one line of output per template line, except the standalone section tags, which vanish with their lines
        assertEquals("SELECT kind\nFROM t\nWHERE kind IN (a,\n  b)\nGROUP BY kind\nORDER BY kind\nLIMIT 1",
                render(template).sql());
    }

    @Test
    void macrosAreIncludedFromTheMacrosFolderWithTheModelsVariables() throws IOException {
        Files.createDirectories(dir.resolve("macros"));
        Files.writeString(dir.resolve("macros/since.sql.mustache"), "ts >= '{{vars.since}}'\n  AND {{#ref}}upstream{{/ref}} IS NOT NULL");
        ModelRenderer withMacros = new ModelRenderer(Map.of("since", "2019-05-01"), "duckdb", dir);
        SqlFile f = file("SELECT 1\nWHERE {{> since}}");
        var r = withMacros.render(f, withMacros.compile(f), resolver);
        assertEquals("SELECT 1\nWHERE ts >= '2019-05-01'\n  AND analytics.upstream__shadow IS NOT NULL", r.sql());
        assertEquals(Set.of("upstream"), r.models());
        SqlFile missing = file("SELECT 1 WHERE {{> nope}}");
        SessionException e = assertThrows(SessionException.class, () -> withMacros.compile(missing));
        assertTrue(e.getMessage().contains("unknown macro 'nope'") && e.getMessage().contains(
                "macros/nope.sql.mustache"), e.getMessage());
    }

    @Test
    void incrementalSectionsRenderOnlyOnIncrementalRunsAndThisIsThePublishedTable() throws IOException {
        SqlFile f = file("SELECT * FROM {{#source}}events{{/source}}\n"
                + "{{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}");
        var template = renderer.compile(f);
        assertEquals("SELECT * FROM raw.events_table", renderer.render(f, template, resolver,
                new ModelRenderer.Mode(false, "analytics.m")).sql());
        assertEquals("SELECT * FROM raw.events_table\nWHERE ts > (SELECT max(ts) FROM analytics.m)",
                renderer.render(f, template, resolver, new ModelRenderer.Mode(true, "analytics.m")).sql());
    }

    @Test
    void noHtmlEscaping() throws IOException {
        assertEquals("SELECT '<a>' AS \"x&y\"", render("SELECT '<a>' AS \"x&y\"").sql());
    }

    @Test
    void unknownVariableNamesFileLineAndName() throws IOException {
        SessionException e = assertThrows(SessionException.class, () -> render("SELECT 1\nFROM t\nWHERE x = {{vars.nope}}"));
        assertEquals("models/m.sql.mustache:3", e.location().toString());
        assertTrue(e.getMessage().contains("unknown template variable 'vars.nope'"), e.getMessage());
        assertTrue(e.hint().contains("declare 'nope' under 'vars:'"), e.hint());
    }

    @Test
    void unknownReferenceNamesFileAndLine() throws IOException {
        SessionException e = assertThrows(SessionException.class,
                () -> render("SELECT 1\nFROM {{#ref}}missing{{/ref}}"));
        assertEquals("models/m.sql.mustache:2", e.location().toString());
        assertTrue(e.getMessage().contains("unknown model 'missing'"), e.getMessage());
    }

    @Test
    void aModelMustHoldAQuery() throws IOException {
        SessionException e = assertThrows(SessionException.class, () -> render("CREATE TABLE x AS SELECT 1"));
        assertTrue(e.getMessage().contains("does not hold a query"), e.getMessage());
        assertEquals("WITH a AS (SELECT 1) SELECT * FROM a", render("-- note\nWITH a AS (SELECT 1) SELECT * FROM a").sql()
                .replace("-- note\n", ""));
    }

    @Test
    void unclosedSectionIsAParseError() throws IOException {
        SessionException e = assertThrows(SessionException.class, () -> render("SELECT {{#ref}}x"));
        assertTrue(e.getMessage().contains("cannot parse template"), e.getMessage());
    }
}
