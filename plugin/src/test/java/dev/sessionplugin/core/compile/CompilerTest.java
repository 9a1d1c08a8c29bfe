package dev.sessionplugin.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wrong models found without data, each at its model file and line; right ones give the catalog. */
class CompilerTest {

    @TempDir
    Path dir;

    Compiler.Result compile(String target) {
        return Compiler.compile(new RunRequest(Goal.COMPILE, dir, Path.of("pipeline.yaml"), dir.resolve("target"),
                target, null, null, "test", RunOptions.DEFAULTS));
    }

    static Stream<Arguments> wrongModels() {
        return Stream.of(
                Arguments.of("unknown column", """
                        SELECT usc.userId,
                               usc.chanel
                        FROM {{#source}}user_session_channel{{/source}} AS usc
                        """, 2, "chanel"),
                Arguments.of("type mismatch in a join", """
                        SELECT usc.userId
                        FROM {{#source}}user_session_channel{{/source}} AS usc
                        JOIN {{#source}}session_timestamp{{/source}} AS st ON usc.sessionId = st.ts + 1
                        """, 3, "+(TIMESTAMP, INTEGER_LITERAL)"),
                Arguments.of("wrong function arguments", """
                        SELECT usc.userId,
                               date_trunc(usc.channel) AS day
                        FROM {{#source}}user_session_channel{{/source}} AS usc
                        """, 2, "date_trunc(VARCHAR)"),
                Arguments.of("ambiguous column", """
                        SELECT sessionId
                        FROM {{#source}}user_session_channel{{/source}} AS usc
                        JOIN {{#source}}session_timestamp{{/source}} AS st ON usc.sessionId = st.sessionId
                        """, 1, "Ambiguous"),
                Arguments.of("unknown table after rendering", """
                        SELECT *
                        FROM raw.no_such_table
                        """, 2, "no_such_table"),
                Arguments.of("syntax error", """
                        SELECT userId,
                        FROM {{#source}}user_session_channel{{/source}}
                        WHERE WHERE
                        """, 3, "syntax error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongModels")
    void aWrongModelIsFoundAtItsFileAndLine(String name, String model, int line, String mentions) throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "models/broken.sql.mustache", model);
        Compiler.Result result = compile(null);
        assertEquals(1, result.errors().size(), result.errors().toString());
        CompileError e = result.errors().get(0);
        // DuckDB gives no position for a function signature that does not match: the first line calling it is
        assertEquals("models/broken.sql.mustache:" + line, e.location().toString(), e.message());
        assertTrue(e.message().contains(mentions), e.message());
        assertEquals(List.of("session_summary"), List.copyOf(result.catalog().models().keySet()),
                "the other models still bind");
    }

    @Test
    void aCheckOnAColumnTheModelDoesNotProduceIsFoundAtTheCheck() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("unique: [sessionId]",
                "not_null: [session_id]"));
        Compiler.Result result = compile(null);
        assertEquals("pipeline.yaml:14:9", result.errors().get(0).location().toString());
        assertTrue(result.errors().get(0).message().contains("names unknown column 'session_id'"));
    }

    @Test
    void columnDescriptionsGoIntoTheCatalogAndADescribedColumnTheModelLacksIsAnError() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("  session_summary:\n",
                "  session_summary:\n    materialized: incremental\n    columns: {ts: {description: when it began}}\n"));
        Compiler.Result result = compile(null);
        assertEquals(List.of(), result.errors());
        Catalog.Node node = result.catalog().models().get("session_summary");
        assertEquals("incremental", node.materialization());
        assertEquals("when it began", node.columns().stream().filter(c -> c.name().equals("ts")).findFirst()
                .orElseThrow().description());

        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("  session_summary:\n",
                "  session_summary:\n    columns: {started: when it began}\n"));
        CompileError e = compile(null).errors().get(0);
        assertTrue(e.message().contains("describes a column 'started' under columns: that it does not produce"),
                e.message());
        assertEquals("pipeline.yaml:12:3", e.location().toString()); // the model's entry
    }

    @Test
    void aModelDownstreamOfOneThatFailsIsNotCheckedButNamed() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "models/broken.sql.mustache", "SELECT nope FROM {{#ref}}session_summary{{/ref}}");
        TestProjects.write(dir, "models/after.sql.mustache", "SELECT * FROM {{#ref}}broken{{/ref}}");
        Compiler.Result result = compile(null);
        assertEquals(1, result.errors().size());
        assertEquals(List.of("after (it reads broken, which did not bind)"), result.unchecked());
    }

    @Test
    void theCatalogHoldsWhatTheRunPublishes() throws Exception {
        TestProjects.sample(dir, 20);
        TestProjects.channelCounts(dir);
        TestProjects.run(dir, Goal.RUN);
        JsonNode catalog = new ObjectMapper().readTree(dir.resolve("target/session/catalog.json").toFile());
        for (String model : List.of("session_summary", "channel_counts")) {
            List<String> cataloged = new java.util.ArrayList<>();
            catalog.path("models").path(model).path("columns").forEach(c -> cataloged.add(c.path("name").asText()
                    + " " + c.path("type").asText()));
            assertEquals(TestProjects.query(dir, "SELECT column_name || ' ' || data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'analytics' AND table_name = '" + model + "' ORDER BY ordinal_position"),
                    cataloged, model);
        }
        assertEquals("[\"session_summary\"]", catalog.path("models").path("channel_counts").path("upstream").toString());
        assertEquals("table", catalog.path("models").path("session_summary").path("materialization").asText());
    }

    @Test
    void onSnowflakeSqlDuckDbDoesNotKnowIsNamedNotFailed() throws Exception {
        TestProjects.sample(dir, 5);
        TestProjects.write(dir, "pipeline.yaml", "snowflake:\n  account: myorg-myaccount\n" + TestProjects.DESCRIPTOR);
        TestProjects.write(dir, "models/sf_only.sql.mustache",
                "SELECT IFF_SNOWFLAKE_ONLY(userId) AS u FROM {{#ref}}session_summary{{/ref}}");
        Compiler.Result result = compile("snowflake");
        assertTrue(result.ok(), result.errors().toString());
        assertTrue(result.unchecked().get(0).startsWith("sf_only (uses SQL DuckDB cannot check offline"),
                result.unchecked().toString());
        assertTrue(compile("duckdb").errors().get(0).message().toLowerCase().contains("iff_snowflake_only"),
                "on DuckDB the same model is an error");
    }
}
