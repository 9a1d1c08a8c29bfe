package dev.sessionplugin.bench;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.report.Progress;

import java.nio.file.Path;

/** A full {@code session:run} of the project in {@code args[0]}, on every core, in a JVM of its own (benchmark). */
public final class RunInOwnJvm {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Pipeline.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null,
                null, "bench", RunOptions.DEFAULTS.withThreads(RunOptions.CORES, true)), new Progress() {
                    @Override
                    public void info(String line) {
                    }

                    @Override
                    public void warn(String line) {
                        System.out.println(line);
                    }
                });
    }
}
