package dev.sessionplugin.core.steps;

import static dev.sessionplugin.core.TestProjects.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.materialize.ShopProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks of an incremental overlay read only the batch when the published rows passed them, and fail with exactly
 * the rows the same check finds on the whole shadow.
 */
class BatchChecksTest {

    /** The shop's source, and two incremental models with checks. */
    static final String DESCRIPTOR = ShopProject.DESCRIPTOR.substring(0, ShopProject.DESCRIPTOR.indexOf("folders:"))
            + """
            models:
              sales:
                materialized: incremental
                checks:
                  - unique: [id]
                  - no_duplicate_rows
                  - not_null: [kind]
                  - accepted_values: {column: kind, values: [book, pen, ink]}
                  - unique: {columns: [amount], error_if: ">100"}
              latest:
                materialized: incremental
                strategy: merge
                unique_key: id
                checks:
                  - unique: [id]
            """;

    /** The whole-shadow form of each check of `sales`, by the name of its audit table. */
    static final Map<String, String> WHOLE = Map.of(
            "unique_id", "SELECT id, COUNT(*) AS occurrences FROM analytics.sales__shadow GROUP BY id "
                    + "HAVING COUNT(*) > 1 OR id IS NULL",
            "no_duplicate_rows", "SELECT *, COUNT(*) AS copies FROM analytics.sales__shadow GROUP BY ALL "
                    + "HAVING COUNT(*) > 1",
            "not_null_kind", "SELECT * FROM analytics.sales__shadow WHERE kind IS NULL",
            "accepted_values_kind", "SELECT CAST(kind AS VARCHAR) AS value, COUNT(*) AS occurrences "
                    + "FROM analytics.sales__shadow WHERE kind IS NOT NULL "
                    + "AND CAST(kind AS VARCHAR) NOT IN ('book', 'pen', 'ink') GROUP BY 1");

    @TempDir
    Path dir;

    @Test
    void batchOnlyChecksFailWithTheRowsOfTheWholeShadow() throws Exception {
        TestProjects.write(dir, "pipeline.yaml", DESCRIPTOR);
        // >= re-selects the last published rows: the batch then repeats a published row and key
        TestProjects.write(dir, "models/sales.sql.mustache", "SELECT id, kind, amount, ts FROM "
                + "{{#source}}events{{/source}} {{#incremental}}WHERE ts >= (SELECT max(ts) FROM {{this}}){{/incremental}}");
        TestProjects.write(dir, "models/latest.sql.mustache", "SELECT id, kind, amount, ts FROM "
                + "{{#source}}events{{/source}} {{#incremental}}WHERE ts > (SELECT max(ts) FROM {{this}}){{/incremental}}");
        TestProjects.write(dir, "data/events.csv", """
                id,kind,amount,ts
                1,book,10,2024-01-01 09:00:00
                2,pen,,2024-01-01 10:00:00
                3,ink,5,2024-01-01 11:00:00
                """);
        TestProjects.run(dir, Goal.RUN);
        TestProjects.append(dir, "data/events.csv", """
                2,pen,20,2024-01-02 09:00:00
                5,,1,2024-01-02 10:00:00
                6,toy,2,2024-01-02 11:00:00
                7,book,3,2024-01-02 12:00:00
                7,book,3,2024-01-02 12:00:00
                ,book,4,2024-01-02 13:00:00
                """);
        List<String> log = new ArrayList<>();
        TestProjects.failure(() -> TestProjects.run(dir, Goal.RUN, null, log));
        String text = String.join("\n", log);
        assertTrue(text.matches("(?s).*test +sales +unique_id, no_duplicate_rows, not_null_kind, "
                + "accepted_values_kind read only the batch.*"), text);
        assertTrue(text.matches("(?s).*test +latest +unique_id read only the batch.*"), text);
        assertFalse(text.contains("unique_amount read only"), "a check that passed with failing rows reads all");

        for (var check : WHOLE.entrySet()) {
            List<String> failing = query(dir, "SELECT * FROM audit.sales__" + check.getKey() + " ORDER BY ALL");
            assertEquals(query(dir, check.getValue() + " ORDER BY ALL"), failing, check.getKey());
            assertFalse(failing.isEmpty(), check.getKey() + " found its defect");
        }
        // the merge replaced published key 2, so only the batch's own repeat (7) and NULL key fail
        assertEquals(List.of("7|2", "null|1"), query(dir, "SELECT * FROM audit.latest__unique_id ORDER BY ALL"));
        assertEquals(query(dir, "SELECT id, COUNT(*) FROM analytics.latest__shadow GROUP BY id "
                + "HAVING COUNT(*) > 1 OR id IS NULL ORDER BY ALL"), query(dir,
                "SELECT * FROM audit.latest__unique_id ORDER BY ALL"));
    }
}
