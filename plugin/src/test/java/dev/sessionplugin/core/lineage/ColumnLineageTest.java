package dev.sessionplugin.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Column lineage of a catalogue of SELECT shapes, from DuckDB's own parse trees. */
class ColumnLineageTest {

    static Connection engine;

    /** A source and a model's shadow, as rendered models read them. */
    static final ColumnLineage.Relations RELATIONS = (schema, table) -> Map.of(
            "raw.events", new ColumnLineage.Known("events", List.of("id", "kind", "amount", "ts", "user_id")),
            "analytics.users__shadow", new ColumnLineage.Known("users", List.of("user_id", "name", "country")))
            .get(schema.toLowerCase() + "." + table.toLowerCase());

    @BeforeAll
    static void start() throws Exception {
        engine = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    static String parseTree(String sql) throws Exception {
        try (PreparedStatement p = engine.prepareStatement("SELECT json_serialize_sql(?::VARCHAR, skip_empty := true, skip_null := true)")) {
            p.setString(1, sql);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** Each output column as {@code name<-node.column,...}, {@code ?} when it cannot be traced. */
    static List<String> lineage(String sql) throws Exception {
        return ColumnLineage.of(parseTree(sql), RELATIONS).stream().map(c -> c.name() + "<-"
                + c.from().stream().map(o -> o.node() + "." + o.column()).collect(Collectors.joining(","))
                + (c.known() ? "" : "?")).toList();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("renames", "SELECT id AS event_id, kind FROM raw.events",
                        List.of("event_id<-events.id", "kind<-events.kind")),
                Arguments.of("expressions", "SELECT amount * 2 + id AS x, 'fixed' AS label FROM raw.events",
                        List.of("x<-events.amount,events.id", "label<-")),
                Arguments.of("aggregates", "SELECT kind, sum(amount) AS total, count(*) AS n FROM raw.events GROUP BY kind",
                        List.of("kind<-events.kind", "total<-events.amount", "n<-")),
                Arguments.of("joins", "SELECT e.id, u.name FROM raw.events AS e JOIN analytics.users__shadow AS u "
                        + "ON e.user_id = u.user_id", List.of("id<-events.id", "name<-users.name")),
                Arguments.of("CTEs", "WITH big AS (SELECT id, amount AS a FROM raw.events WHERE amount > 10) "
                        + "SELECT a AS amount_big FROM big", List.of("amount_big<-events.amount")),
                Arguments.of("SELECT *", "SELECT * FROM raw.events", List.of("id<-events.id", "kind<-events.kind",
                        "amount<-events.amount", "ts<-events.ts", "user_id<-events.user_id")),
                Arguments.of("alias.* EXCLUDE", "SELECT e.* EXCLUDE (ts, user_id), u.name FROM raw.events AS e "
                        + "JOIN analytics.users__shadow AS u USING (user_id)", List.of("id<-events.id",
                        "kind<-events.kind", "amount<-events.amount", "name<-users.name")),
                Arguments.of("window functions", "SELECT id, row_number() OVER (PARTITION BY kind ORDER BY ts) AS rn "
                        + "FROM raw.events", List.of("id<-events.id", "rn<-events.kind,events.ts")),
                Arguments.of("unions", "SELECT id, kind FROM raw.events UNION ALL SELECT user_id, country FROM "
                        + "analytics.users__shadow", List.of("id<-events.id,users.user_id",
                        "kind<-events.kind,users.country")),
                Arguments.of("CASE and CAST", "SELECT CASE WHEN amount > 1 THEN kind ELSE 'none' END AS label, "
                        + "CAST(ts AS DATE) AS day FROM raw.events",
                        List.of("label<-events.amount,events.kind", "day<-events.ts")),
                Arguments.of("a subquery with column aliases", "SELECT t.a FROM (SELECT kind, amount FROM raw.events) "
                        + "AS t(k, a)", List.of("a<-events.amount")),
                Arguments.of("a scalar subquery", "SELECT id, (SELECT max(amount) FROM raw.events) AS top FROM raw.events",
                        List.of("id<-events.id", "top<-events.amount")),
                Arguments.of("SELECT * through an unknown relation", "SELECT * FROM read_csv('elsewhere.csv')",
                        List.of("null<-?")),
                Arguments.of("a table not in the catalog", "SELECT x, id FROM raw.nope",
                        List.of("x<-?", "id<-?")),
                Arguments.of("a name an unknown relation might hold", "SELECT id, e.kind FROM raw.events AS e, "
                        + "raw.nope AS n", List.of("id<-events.id?", "kind<-events.kind")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void eachOutputColumnIsTracedToTheColumnsItIsComputedFrom(String shape, String sql, List<String> expected)
            throws Exception {
        assertEquals(expected, lineage(sql), sql);
    }

    @Test
    void aStatementTheEngineCannotParseIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ColumnLineage.of(parseTree("SELEC nothing"), RELATIONS));
    }
}
