package dev.sessionplugin.core.compile;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.report.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code session:compile} as a step: compiles, writes {@code target/session/catalog.json}, says what it found, and
 * fails with every error at once (file and line each) so a run stops before it loads or builds anything.
 */
public final class Compilation {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Compilation() {
    }

    public static Compiler.Result run(RunRequest request, Progress progress) {
        return run(request, progress, null);
    }

    /** Compiles and, when everything bound, runs {@code then} on the bound engine (unit tests). */
    public static Compiler.Result run(RunRequest request, Progress progress, Compiler.Then then) {
        long start = System.nanoTime();
        boolean[] said = new boolean[1];
        Compiler.Result result = Compiler.compile(request, then == null ? null : (engine, st, plan, catalog) -> {
            say(progress, catalog, (System.nanoTime() - start) / 1_000_000, 0); // before what runs on it
            said[0] = true;
            then.run(engine, st, plan, catalog);
        });
        if (result.reused()) {
            progress.info("compile unchanged since it last passed" + (then == null ? "" : " with its unit tests")
                    + " (fingerprint " + result.fingerprint() + "): nothing bound again");
            return result;
        }
        keep(request, result);
        if (!result.unchecked().isEmpty()) {
            progress.warn("compile could not check offline: " + String.join("; ", result.unchecked()));
        }
        if (!said[0]) {
            say(progress, result.catalog(), result.millis(), result.errors().size());
        }
        if (!result.ok()) {
            List<CompileError> errors = result.errors();
            StringBuilder text = new StringBuilder(errors.get(0).message());
            for (CompileError e : errors.subList(1, errors.size())) {
                text.append("\n  ").append(e);
            }
            throw SessionException.config(errors.get(0).location(), text.toString(), errors.get(0).hint());
        }
        return result;
    }

    /** The catalog the last compile wrote, or null when there is none (or it cannot be read). */
    public static Catalog last(Path buildDir) {
        Path file = CompileStamp.catalog(buildDir);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Catalog.class);
        } catch (IOException e) {
            return null; // cut short by a kill: as good as none
        }
    }

    /** Writes the catalog; a compile that passed is stamped, one that failed forgets the last stamp. */
    private static void keep(RunRequest request, Compiler.Result result) {
        Path catalog = CompileStamp.catalog(request.buildDir());
        try {
            Files.createDirectories(catalog.getParent());
            JSON.writeValue(catalog.toFile(), result.catalog());
        } catch (IOException e) {
            throw SessionException.io(Location.of(catalog.toString()), "cannot write the catalog: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
        if (result.ok()) {
            CompileStamp.record(request.buildDir(), result.fingerprint(), false);
        } else {
            CompileStamp.forget(request.buildDir());
        }
    }

    /** The unit tests passed on this compile: a later run with the same fingerprint need not run them again. */
    public static void unitsPassed(RunRequest request, Compiler.Result result) {
        CompileStamp.record(request.buildDir(), result.fingerprint(), true);
    }

    private static void say(Progress progress, Catalog catalog, long millis, int errors) {
        progress.info(String.format("compile %d models, %d sources bound in %d ms; %d errors -> %s",
                catalog.models().size(), catalog.sources().size(), millis, errors, "target/session/catalog.json"));
    }
}
