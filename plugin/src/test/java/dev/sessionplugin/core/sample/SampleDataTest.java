package dev.sessionplugin.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesUniqueSessionsSixChannels() throws Exception {
        SampleData.write(dir.resolve("a"), 5_000, 1);
        SampleData.write(dir.resolve("b"), 5_000, 1);
        for (String f : List.of("user_session_channel.csv", "session_timestamp.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
        List<String> rows = Files.readAllLines(dir.resolve("a/user_session_channel.csv"));
        assertEquals("userId,sessionId,channel", rows.get(0));
        Set<String> ids = new HashSet<>();
        Set<String> channels = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            assertTrue(ids.add(cells[1]), "session ids are unique");
            channels.add(cells[2].replace("\"", ""));
        }
        assertEquals(6, channels.size());
        assertTrue(rows.size() > 4_900);
        assertTrue(Files.readAllLines(dir.resolve("a/session_timestamp.csv")).get(1)
                .matches("[0-9a-f]{10},2019-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
    }
}
