package dev.sessionplugin.core.steps;

/** Milliseconds since it was started. */
final class Timer {

    private final long start = System.nanoTime();

    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
