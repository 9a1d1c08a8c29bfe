package dev.sessionplugin.core.reliability;

import dev.sessionplugin.core.warehouse.RunLock;

import java.nio.file.Path;
import java.time.Duration;

/** Another run, as far as the lock is concerned: takes it, says so, holds it for the given time. */
public final class HoldLock {

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), Duration.ZERO)) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
        System.out.println("released");
    }
}
