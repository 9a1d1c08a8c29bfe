package dev.sessionplugin.bench;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.report.Progress;

import java.nio.file.Path;

/** {@code session:render} of the project in {@code args[0]}, in a JVM of its own, quietly (benchmark). */
public final class RenderInProcess {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Pipeline.execute(new RunRequest(Goal.RENDER, dir, Path.of("pipeline.yaml"), dir.resolve("target"), null, null,
                null, "bench", RunOptions.DEFAULTS), new Progress() {
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
