package dev.sessionplugin.core.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Every progress line of a run, also kept in {@code target/session/logs/<time>-<goal>.log} with its time of day,
 * so a run can be read again after the console is gone. A log that cannot be written never fails the run.
 */
public final class RunLog implements Progress, AutoCloseable {

    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final DateTimeFormatter LINE = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Progress console;
    private final Path file;
    private BufferedWriter out;

    public RunLog(Progress console, Path folder, String goal) {
        this.console = console;
        this.file = folder.resolve(LocalDateTime.now().format(FILE) + "-" + goal + ".log");
        try {
            Files.createDirectories(folder);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.warn("cannot keep a log of this run in " + folder + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void info(String line) {
        console.info(line);
        write("INFO ", line);
    }

    @Override
    public void warn(String line) {
        console.warn(line);
        write("WARN ", line);
    }

    /** The run's error, in full, for the log file only (the console gets it from the build tool). */
    public void error(String message) {
        write("ERROR", message);
    }

    private synchronized void write(String level, String line) {
        if (out == null) {
            return;
        }
        try {
            out.write(LocalDateTime.now().format(LINE) + " " + level + " " + line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the run's result does not depend on its log file
        }
    }
}
