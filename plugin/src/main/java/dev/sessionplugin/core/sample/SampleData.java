package dev.sessionplugin.core.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes the two sample CSVs, modelled on the public course dataset behind the seed: a user, a session and the
 * channel it came from; and when each session happened (with milliseconds). The same seed and size always give
 * the same bytes. About one user per hundred sessions, six channels, seven months; each user is active for a
 * while (they join over time and churn), so weekly active users rise, then settle. A few sessions appear in only
 * one file, so the inner join drops them.
 */
public final class SampleData {

    public static final String[] CHANNELS = {"Organic", "Google", "Facebook", "Instagram", "Youtube", "Naver"};
    private static final double[] CHANNEL_WEIGHT = {0.28, 0.22, 0.16, 0.14, 0.12, 0.08};
    private static final LocalDateTime START = LocalDateTime.of(2019, 5, 1, 0, 0);
    private static final long SPAN_MILLIS = 214L * 24 * 3600 * 1000;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final long ID_SPACE = 1L << 40;

    /** Sizes of what was written. */
    public record Written(long channelRows, long timestampRows, long bytes) {
    }

    private SampleData() {
    }

    public static Written write(Path dir, long sessions, long seed) throws IOException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1");
        }
        Files.createDirectories(dir);
        int users = (int) Math.max(10, Math.min(sessions / 100, 10_000_000));
        SplittableRandom random = new SplittableRandom(seed);
        long[] joined = new long[users];
        long[] active = new long[users];
        for (int u = 0; u < users; u++) {
            joined[u] = (long) (Math.sqrt(random.nextDouble()) * SPAN_MILLIS * 0.9);
            active[u] = (long) Math.min(SPAN_MILLIS - joined[u], (7 + random.nextDouble() * 80) * 24 * 3600 * 1000);
        }
        long multiplier = (random.nextLong() | 1L) & (ID_SPACE - 1);
        long offset = random.nextLong() & (ID_SPACE - 1);
        Path channelFile = dir.resolve("user_session_channel.csv");
        Path timestampFile = dir.resolve("session_timestamp.csv");
        long channelRows = 0;
        long timestampRows = 0;
        try (BufferedWriter channels = Files.newBufferedWriter(channelFile, StandardCharsets.UTF_8);
             BufferedWriter stamps = Files.newBufferedWriter(timestampFile, StandardCharsets.UTF_8)) {
            channels.write("userId,sessionId,channel\n");
            stamps.write("sessionId,ts\n");
            for (long i = 0; i < sessions; i++) {
                // An odd multiplier makes this a bijection on 40 bits: unique ids without a set in memory.
                String sessionId = String.format("%010x", (i * multiplier + offset) & (ID_SPACE - 1));
                int u = (int) (Math.pow(random.nextDouble(), 1.3) * users);
                long user = u + 1;
                String channel = channel(random.nextDouble());
                long at = joined[u] + (long) (random.nextDouble() * active[u]);
                double presence = random.nextDouble();
                if (presence >= 0.004) {
                    boolean quoted = random.nextInt(20) == 0;
                    channels.write(user + "," + sessionId + "," + (quoted ? "\"" + channel + "\"" : channel) + "\n");
                    channelRows++;
                }
                if (presence < 0.004 || presence >= 0.008) {
                    stamps.write(sessionId + "," + START.plusNanos(at * 1_000_000).format(TS) + "\n");
                    timestampRows++;
                }
            }
        }
        return new Written(channelRows, timestampRows, Files.size(channelFile) + Files.size(timestampFile));
    }

    private static String channel(double u) {
        double sum = 0;
        for (int i = 0; i < CHANNELS.length; i++) {
            sum += CHANNEL_WEIGHT[i];
            if (u < sum) {
                return CHANNELS[i];
            }
        }
        return CHANNELS[CHANNELS.length - 1];
    }

    /** {@code java ... SampleData <dir> <sessions> [seed]}, for scripts and benchmarks. */
    public static void main(String[] args) throws IOException {
        long sessions = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Written w = write(Path.of(args.length > 0 ? args[0] : "data"), sessions, seed);
        System.out.printf("wrote %,d channel rows and %,d timestamp rows (%,d bytes)%n", w.channelRows(),
                w.timestampRows(), w.bytes());
    }
}
