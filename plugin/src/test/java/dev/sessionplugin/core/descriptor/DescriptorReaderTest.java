package dev.sessionplugin.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class DescriptorReaderTest {

    static Descriptor parse(String yaml) {
        return DescriptorReader.parse(new StringReader(yaml), "pipeline.yaml");
    }

    static SessionException error(String yaml) {
        return assertThrows(SessionException.class, () -> parse(yaml));
    }

    @Test
    void readsTheSeedDescriptorWithDefaults() {
        Descriptor d = parse(TestProjects.DESCRIPTOR);
        assertEquals("duckdb", d.target());
        assertEquals("target/session.duckdb", d.duckdb().path());
        assertEquals("raw", d.schemas().staging());
        assertEquals("analytics", d.schemas().published());
        assertEquals(List.of("user_session_channel", "session_timestamp"), List.copyOf(d.sources().keySet()));
        SourceSpec ts = d.sources().get("session_timestamp");
        assertEquals("TIMESTAMP", ts.columns().get(1).type());
        List<CheckSpec> checks = d.models().get("session_summary").checks();
        assertEquals(List.of("unique_sessionId", "no_duplicate_rows"), checks.stream().map(CheckSpec::name).toList());
        assertEquals(List.of("sessionId"), checks.get(0).columns());
        assertEquals(Severity.ERROR, checks.get(0).severity());
    }

    @Test
    void materializationSettingsAreReadAndCheckedAgainstEachOther() {
        Descriptor d = parse(TestProjects.DESCRIPTOR + """
                  daily:
                    materialized: incremental
                    unique_key: [day, channel]
                    description: per day
                    columns: {day: the day, users: {description: distinct users}}
                  history:
                    materialized: snapshot
                    unique_key: userId
                    check_cols: [channel]
                folders:
                  staging: {materialized: view, tags: [staging]}
                """);
        Materialized daily = d.models().get("daily").materialized();
        assertEquals(Materialized.Kind.INCREMENTAL, daily.kind());
        assertEquals(Materialized.Strategy.MERGE, daily.strategy(), "a unique_key makes merge the default");
        assertEquals(List.of("day", "channel"), daily.uniqueKey());
        assertEquals(java.util.Map.of("day", "the day", "users", "distinct users"), d.models().get("daily").columns());
        assertEquals(Materialized.Kind.SNAPSHOT, d.models().get("history").materialized().kind());
        assertEquals(Materialized.Kind.VIEW, d.folders().get("staging").materialized().kind());
        assertEquals(Materialized.TABLE, d.models().get("session_summary").materialization());

        String base = TestProjects.DESCRIPTOR + "  m:\n";
        for (String[] bad : new String[][] {
                {"    materialized: cube\n", "unknown materialization 'cube'"},
                {"    materialized: incremental\n    strategy: merge\n", "strategy merge of model 'm' needs a unique_key"},
                {"    materialized: incremental\n    strategy: upsert\n", "unknown incremental strategy 'upsert'"},
                {"    unique_key: id\n", "needs 'materialized: incremental' or 'materialized: snapshot'"},
                {"    materialized: table\n    unique_key: id\n", "'unique_key' is for incremental models"},
                {"    materialized: snapshot\n    unique_key: id\n", "needs exactly one of updated_at and check_cols"},
                {"    materialized: snapshot\n    updated_at: ts\n", "snapshot 'm' needs a unique_key"},
                {"    materialized: view\n    strategy: append\n", "'strategy' is for incremental models"}}) {
            SessionException e = error(base + bad[0]);
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().startsWith("pipeline.yaml:"), e.getMessage());
        }
    }

    @Test
    void unknownKeyNamesLineKeyAndSuggestion() {
        SessionException e = error("""
                sources:
                  a:
                    uri: a.csv
                    colums: {x: VARCHAR}
                """);
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("unknown key 'sources.a.colums'"), e.getMessage());
        assertTrue(e.hint().contains("did you mean 'columns'"), e.hint());
    }

    @Test
    void wrongTypeNamesKeyAndLine() {
        SessionException e = error("""
                sources:
                  a:
                    uri: [a.csv]
                    columns: {x: VARCHAR}
                """);
        assertEquals("pipeline.yaml:3:10", e.location().toString());
        assertTrue(e.getMessage().contains("'sources.a.uri' must be a text value, found a list"), e.getMessage());
    }

    @Test
    void invalidYamlPointsAtTheLine() {
        SessionException e = error("sources:\n  a: {uri: x\n  b: 1\n");
        assertTrue(e.getMessage().startsWith("pipeline.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        SessionException e = error("""
                sources:
                  a: {uri: a.csv, columns: {x: VARCHAR}}
                  a: {uri: b.csv, columns: {x: VARCHAR}}
                """);
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("duplicate key 'sources.a'"), e.getMessage());
    }

    @Test
    void namesThatCouldInjectSqlAreRejected() {
        SessionException e = error("""
                sources:
                  a:
                    uri: a.csv
                    table: "t; DROP TABLE x"
                    columns: {x: VARCHAR}
                """);
        assertTrue(e.getMessage().contains("invalid table name 't; DROP TABLE x'"), e.getMessage());
        SessionException type = error("""
                sources:
                  a:
                    uri: a.csv
                    columns: {x: "VARCHAR) AS SELECT 1 --"}
                """);
        assertTrue(type.getMessage().contains("invalid type"), type.getMessage());
    }

    @Test
    void checksAreValidated() {
        assertTrue(error("""
                sources:
                  a: {uri: a.csv, columns: {x: VARCHAR}, checks: [uniq: [x]]}
                """).getMessage().contains("unknown check 'uniq'"));
        assertTrue(error("""
                sources:
                  a: {uri: a.csv, columns: {x: VARCHAR}, checks: [unique: [y]]}
                """).getMessage().contains("names unknown column 'y'"));
        assertTrue(error("""
                sources:
                  a: {uri: a.csv, columns: {x: VARCHAR}, checks: [{unique: {columns: [x], error_if: "more than 3"}}]}
                """).getMessage().contains("bad threshold 'more than 3'"));
        assertTrue(error("""
                sources:
                  a: {uri: a.csv, columns: {x: VARCHAR}, checks: [accepted_values: {column: x}]}
                """).getMessage().contains("needs 'values'"));
    }

    @Test
    void thresholdsAndSeverityDecideTheStatus() {
        Descriptor d = parse("""
                sources:
                  a:
                    uri: a.csv
                    columns: {x: VARCHAR}
                    checks:
                      - unique: {columns: [x], error_if: ">100", warn_if: ">0"}
                      - not_null: {column: x, severity: warn}
                """);
        CheckSpec unique = d.sources().get("a").checks().get(0);
        assertEquals(CheckStatus.PASSED, unique.judge(0));
        assertEquals(CheckStatus.WARNED, unique.judge(100));
        assertEquals(CheckStatus.FAILED, unique.judge(101));
        CheckSpec notNull = d.sources().get("a").checks().get(1);
        assertEquals(CheckStatus.WARNED, notNull.judge(5000));
    }

    @Test
    void thresholdParsing() {
        assertTrue(Threshold.parse(">= 10", null).matches(10));
        assertTrue(Threshold.parse("!=0", null).matches(3));
        assertTrue(Threshold.parse("<5", null).matches(4));
        assertEquals(">1000", Threshold.parse(">1_000", null).toString());
        assertThrows(SessionException.class, () -> Threshold.parse("=> 1", null));
    }

    @Test
    void aDecimalCutByAFlowMappingSaysWhyAndHowToQuoteIt() {
        SessionException e = error("""
                sources:
                  payments:
                    uri: data/payments.csv
                    table: payments
                    columns: {id: INTEGER, amount: DECIMAL(10,2)}
                """);
        assertTrue(e.getMessage().contains("a comma ends the value"), e.getMessage());
        assertTrue(e.hint().contains("{amount: \"DECIMAL(10,2)\"}"), e.hint());
        assertEquals("DECIMAL(10,2)", parse("""
                sources:
                  payments:
                    uri: data/payments.csv
                    table: payments
                    columns: {id: INTEGER, amount: "DECIMAL(10,2)"}
                """).sources().get("payments").columns().get(1).type());
    }

    @Test
    void checkOptionsMayStandBesideTheCheckWord() {
        Descriptor d = parse(TestProjects.DESCRIPTOR.replace("      - unique: [sessionId]\n",
                "      - unique: [sessionId]\n        severity: warn\n        name: pk\n"));
        CheckSpec pk = d.models().get("session_summary").checks().get(0);
        assertEquals("pk", pk.name());
        assertEquals(List.of("sessionId"), pk.columns());
        assertEquals(Severity.WARN, pk.severity());
        SessionException both = error(TestProjects.DESCRIPTOR.replace("      - unique: [sessionId]\n",
                "      - unique: {column: sessionId}\n        severity: warn\n"));
        assertTrue(both.getMessage().contains("options both inside {...} and beside it"), both.getMessage());
    }

    @Test
    void aMisspelledCheckGetsASuggestion() {
        SessionException e = error(TestProjects.DESCRIPTOR.replace("- no_duplicate_rows", "- no_duplicate_row"));
        assertTrue(e.getMessage().contains("did you mean 'no_duplicate_rows'?"), e.getMessage());
    }
}
