package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.dialect.Dialect;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The one retry policy: only errors the dialect calls transient are tried again, a bounded number of times, with
 * exponential backoff and jitter, and every retry is reported. SQL errors and failed checks never are, nor is a
 * statement that must not run twice ({@link Sql#once()}): its caller is told the outcome is unknown.
 */
public final class Retry {

    private final int attempts;
    private final long firstDelayMillis;
    private final Consumer<String> onRetry;

    public Retry(int attempts, long firstDelayMillis, Consumer<String> onRetry) {
        this.attempts = Math.max(1, attempts);
        this.firstDelayMillis = firstDelayMillis;
        this.onRetry = onRetry;
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws SQLException;
    }

    <T> T call(Dialect dialect, Sql sql, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (SQLException e) {
                if (attempt >= attempts || !dialect.isTransient(e)) {
                    throw dialect.translate(e, sql);
                }
                if (sql.runsOnce()) {
                    throw new AmbiguousOutcome(dialect.translate(e, sql));
                }
                long delay = firstDelayMillis << (attempt - 1);
                delay += ThreadLocalRandom.current().nextLong(delay / 2 + 1);
                onRetry.accept(String.format("retry %d/%d of %s in %d ms: %s", attempt, attempts - 1,
                        sql.relativePath(), delay, firstLine(e.getMessage())));
                sleep(delay);
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
