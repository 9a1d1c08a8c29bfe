package dev.sessionplugin.core.extract;

import static dev.sessionplugin.core.TestProjects.query;
import static dev.sessionplugin.core.TestProjects.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.TestProjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-source CSV options load the same data on DuckDB and render the same options for Snowflake. */
class CsvOptionsTest {

    @TempDir
    Path dir;

    static final String DESCRIPTOR = """
            project: csv
            snowflake:
              account: myorg-myaccount
              user: U
              database: DB
              sources: s3://bucket/exports/
            sources:
              visits:
                uri: data/visits.csv
                table: visits
                columns: {id: INTEGER, day: DATE, at: TIMESTAMP, place: VARCHAR}
                csv:
                  delimiter: ";"
                  quote: "'"
                  null: NA
                  date_format: "%d/%m/%Y"
                  timestamp_format: "%d/%m/%Y %H:%M"
                  encoding: latin-1
              headless:
                uri: data/headless.csv
                table: headless
                columns: {id: INTEGER, place: VARCHAR}
                csv: {header: false}
            """;

    void project() throws Exception {
        write(dir, "pipeline.yaml", DESCRIPTOR);
        write(dir, "models/visit_places.sql.mustache", """
                SELECT v.id, v.day, v.at, v.place, h.place AS other
                FROM {{#source}}visits{{/source}} AS v JOIN {{#source}}headless{{/source}} AS h ON h.id = v.id
                """);
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/visits.csv"), ("id;day;at;place\n1;01/05/2019;01/05/2019 10:30;'Caf\u00e9; Bar'\n"
                + "2;NA;NA;x\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        write(dir, "data/headless.csv", "1,north\n2,south\n");
    }

    @Test
    void optionsLoadOnDuckDb() throws Exception {
        project();
        TestProjects.run(dir, Goal.RUN);
        assertEquals(List.of("1|2019-05-01|2019-05-01 10:30:00.0|Caf\u00e9; Bar|north", "2|null|null|x|south"),
                query(dir, "SELECT id, day, \"at\", place, other FROM analytics.visit_places ORDER BY id"));
    }

    @Test
    void theSameOptionsRenderForSnowflake() throws Exception {
        project();
        TestProjects.execute(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), "snowflake",
                null, null, "test", RunOptions.DEFAULTS), new java.util.ArrayList<>());
        String visits = TestProjects.rendered(dir, "stage/visits.load_csv.sql");
        assertTrue(visits.contains("SKIP_HEADER = 1 FIELD_DELIMITER = ';' FIELD_OPTIONALLY_ENCLOSED_BY = ''''"), visits);
        assertTrue(visits.contains("NULL_IF = ('NA') DATE_FORMAT = 'DD/MM/YYYY' TIMESTAMP_FORMAT = 'DD/MM/YYYY HH24:MI'"),
                visits);
        assertTrue(visits.contains("ENCODING = 'ISO-8859-1'"), visits);
        String headless = TestProjects.rendered(dir, "stage/headless.load_csv.sql");
        assertTrue(headless.contains("SKIP_HEADER = 0"), headless);
    }

    @Test
    void aHeaderIsCheckedWithTheSourcesOwnDelimiter() throws Exception {
        project();
        Files.write(dir.resolve("data/visits.csv"), "id;day;place;at\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var e = TestProjects.failure(() -> TestProjects.run(dir, Goal.RUN));
        assertTrue(e.getMessage().contains("header [id, day, place, at] does not match"), e.getMessage());
    }
}
