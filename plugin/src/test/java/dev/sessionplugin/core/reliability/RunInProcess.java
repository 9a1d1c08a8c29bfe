package dev.sessionplugin.core.reliability;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.Pipeline;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.report.Progress;

import java.nio.file.Path;

/**
 * {@code session:run} on a project in a JVM of its own, printing each progress line at once (for kill tests).
 * Arguments: the project folder, and optionally the target (default: the descriptor's).
 */
public final class RunInProcess {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Pipeline.execute(new RunRequest(Goal.RUN, dir, Path.of("pipeline.yaml"), dir.resolve("target"),
                args.length > 1 ? args[1] : null, null, null, "test", RunOptions.DEFAULTS), new Progress() {
                    @Override
                    public void info(String line) {
                        System.out.println(line);
                        System.out.flush();
                    }

                    @Override
                    public void warn(String line) {
                        info(line);
                    }
                });
    }
}
