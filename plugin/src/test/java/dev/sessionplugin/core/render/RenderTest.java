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
