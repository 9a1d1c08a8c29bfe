package dev.sessionplugin.core.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.sample.SampleData;
import dev.sessionplugin.core.snowflake.emulator.SnowflakeEmulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local CSV sources on Snowflake: the real driver uploads them with PUT to an internal stage (the emulator tells
 * it to upload to a local folder, as Snowflake tells it to upload to cloud storage), and the same COPY loads them.
 * An unchanged file is neither loaded nor uploaded again; a grown one uploads and loads only its new rows.
 */
class SnowflakeLocalFilesTest {

    @TempDir
    Path dir;

    @Test
    void localFilesAreUploadedWithPutAndLoadedByTheSameCopy() throws Exception {
        try (SnowflakeEmulator snowflake = new SnowflakeEmulator()) {
            TestProjects.write(dir, "pipeline.yaml", "target: snowflake\n" + SnowflakeProjects.block(snowflake.jdbcUrl())
                    + TestProjects.DESCRIPTOR);
            TestProjects.write(dir, "models/session_summary.sql.mustache", TestProjects.MODEL);
            SampleData.write(dir.resolve("data"), 200, 5);
            List<String> log = new ArrayList<>();
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", log);
            List<String> puts = snowflake.statements().stream().filter(s -> s.startsWith("PUT ")).toList();
            assertEquals(2, puts.size(), puts.toString());
            assertTrue(puts.get(0).contains("PUT 'file://" + dir.toAbsolutePath().resolve("data")), puts.get(0));
            assertTrue(puts.get(0).contains("@raw.user_session_channel_stage AUTO_COMPRESS = FALSE OVERWRITE = TRUE"),
                    puts.get(0));
            assertEquals(TestProjects.innerJoinOfCsvs(dir), published(snowflake));

            int before = snowflake.statements().size();
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            assertTrue(snowflake.statements().subList(before, snowflake.statements().size()).stream()
                    .noneMatch(s -> s.startsWith("PUT ")), "unchanged files are not uploaded again");

            TestProjects.append(dir, "data/user_session_channel.csv", "9999,extra-session,Organic\n");
            TestProjects.append(dir, "data/session_timestamp.csv", "extra-session,2019-12-31 23:00:00.000\n");
            before = snowflake.statements().size();
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", new ArrayList<>());
            List<String> appended = snowflake.statements().subList(before, snowflake.statements().size()).stream()
                    .filter(s -> s.startsWith("PUT ")).toList();
            assertEquals(2, appended.size(), "grown files upload their new rows");
            assertTrue(appended.stream().allMatch(s -> s.contains("session-appended-")), appended.toString());
            assertEquals(TestProjects.innerJoinOfCsvs(dir), published(snowflake));
            assertEquals(List.of(String.valueOf(java.nio.file.Files.readAllLines(dir.resolve(
                    "data/user_session_channel.csv")).size() - 1)), snowflake.read(
                    "SELECT COUNT(*) FROM raw.user_session_channel_table"), "the staging table holds every row once");
        }
    }

    /**
     * Every materialization through the real driver: a staging view, an inlined ephemeral model, incremental
     * models on a CLONE of the published table (append, MERGE, DELETE … USING), and snapshots; the second run adds
     * a day and must publish what a full build publishes.
     */
    @Test
    void everyMaterializationRunsAndAnIncrementalRunEqualsAFullOne() throws Exception {
        try (SnowflakeEmulator snowflake = new SnowflakeEmulator()) {
            dev.sessionplugin.core.materialize.ShopProject.write(dir);
            TestProjects.write(dir, "pipeline.yaml", SnowflakeProjects.block(snowflake.jdbcUrl())
                    + dev.sessionplugin.core.materialize.ShopProject.DESCRIPTOR);
            List<String> log = new ArrayList<>();
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", log);
            TestProjects.append(dir, "data/events.csv", dev.sessionplugin.core.materialize.ShopProject.DAY_TWO);
            List<String> second = new ArrayList<>();
            SnowflakeProjects.run(dir, Goal.RUN, null, "secret", second);
            assertTrue(second.stream().anyMatch(l -> l.contains("incremental merge on id")), String.join("\n", second));
            assertEquals(List.of("book|62", "ink|3", "pen|5"), snowflake.read(
                    "SELECT kind || '|' || total FROM analytics.kind_totals ORDER BY kind"));
            assertEquals(List.of("6"), snowflake.read("SELECT COUNT(*) FROM analytics.event_history"));
            assertEquals(List.of("7"), snowflake.read("SELECT COUNT(*) FROM analytics.stg_events"));
        }
    }

    private static List<String> published(SnowflakeEmulator snowflake) {
        List<String> rows = new ArrayList<>(snowflake.read("SELECT userId || '|' || sessionId || '|' || channel || '|' "
                + "|| strftime(ts, '%Y-%m-%d %H:%M:%S.%g') FROM analytics.session_summary"));
        java.util.Collections.sort(rows);
        return rows;
    }
}
