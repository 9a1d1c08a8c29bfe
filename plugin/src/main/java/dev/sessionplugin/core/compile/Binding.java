package dev.sessionplugin.core.compile;

import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.report.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The compile of a run, on a thread of its own: it needs no connection, so it binds every model while the run
 * plans, takes its lock and connects, and the run waits for it ({@link #await}) before it loads anything. Its
 * lines are kept and told when it is awaited, so the log reads in order.
 */
public final class Binding {

    private final FutureTask<Compiler.Result> task;
    private final List<String[]> lines = new ArrayList<>();

    private Binding(RunRequest request) {
        Progress kept = new Progress() {
            @Override
            public void info(String line) {
                keep("info", line);
            }

            @Override
            public void warn(String line) {
                keep("warn", line);
            }
        };
        task = new FutureTask<>(() -> Compilation.run(request, kept));
    }

    public static Binding start(RunRequest request) {
        Binding binding = new Binding(request);
        Thread thread = new Thread(binding.task, "session-compile");
        thread.setDaemon(true);
        thread.start();
        return binding;
    }

    private synchronized void keep(String level, String line) {
        lines.add(new String[] {level, line});
    }

    /** Waits for the compile, tells its lines, and throws its errors (every model that does not bind). */
    public Compiler.Result await(Progress progress) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("compile failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Kind.IO, null, "interrupted while compiling", null, e);
        } finally {
            synchronized (this) {
                for (String[] line : lines) {
                    if (line[0].equals("warn")) {
                        progress.warn(line[1]);
                    } else {
                        progress.info(line[1]);
                    }
                }
                lines.clear();
            }
        }
    }
}
