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
 * fails with every error at once (file and line each) so a run stops before it touches the warehouse.
 */
public final class Compilation {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Compilation() {
    }

    public static Compiler.Result run(RunRequest request, Progress progress) {
        Compiler.Result result = Compiler.compile(request);
        Path catalog = request.buildDir().resolve("session").resolve("catalog.json");
        try {
            Files.createDirectories(catalog.getParent());
            JSON.writeValue(catalog.toFile(), result.catalog());
        } catch (IOException e) {
            throw SessionException.io(Location.of(catalog.toString()), "cannot write the catalog: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
        if (!result.unchecked().isEmpty()) {
            progress.warn("compile could not check offline: " + String.join("; ", result.unchecked()));
        }
        progress.info(String.format("compile %d models, %d sources bound in %d ms; %d errors -> %s",
                result.catalog().models().size(), result.catalog().sources().size(), result.millis(),
                result.errors().size(), "target/session/catalog.json"));
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
}
