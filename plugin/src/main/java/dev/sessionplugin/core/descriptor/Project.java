package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A pipeline project on disk: the descriptor plus the model and check templates found next to it. A model is
 * its file; {@code pipeline.yaml} only adds settings, so adding a model means adding one file.
 */
public record Project(Path dir, Descriptor descriptor, Map<String, SqlFile> models, Map<String, SqlFile> checks) {

    /**
     * This project with {@code overrides} ({@code -Dsession.vars=since=2019-06-01,region=eu}) replacing or adding
     * top-level {@code vars:}; a name must be a plain identifier, as in the descriptor.
     */
    public Project withVars(Map<String, String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        Map<String, Object> vars = new java.util.LinkedHashMap<>(descriptor.vars());
        overrides.forEach((name, value) -> {
            Names.identifier(name, dev.sessionplugin.core.Location.of("-Dsession.vars"), "variable name");
            vars.put(name, value);
        });
        Descriptor d = descriptor;
        return new Project(dir, new Descriptor(d.file(), d.project(), d.target(), d.duckdb(), d.snowflake(), d.schemas(),
                d.sources(), d.models(), d.folders(), Map.copyOf(vars), d.superset()), models, checks);
    }

    /**
     * The schema of each model published outside the descriptor's published schema ({@code schema:} on the model
     * or its folder), with the environment's suffix, as every schema gets it.
     */
    public Map<String, String> modelSchemas(String env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String model : models.keySet()) {
            String schema = spec(model).schema();
            if (schema != null) {
                out.put(model, schema + Descriptor.Schemas.suffix(env));
            }
        }
        return out;
    }

    public static Project load(Path dir, Path descriptorFile) {
        Path absDir = dir.toAbsolutePath().normalize();
        Path file = absDir.resolve(descriptorFile).normalize();
        Descriptor descriptor = DescriptorReader.read(file, display(absDir, file));
        Map<String, SqlFile> models = scan(absDir, "models", "model");
        Map<String, SqlFile> checks = scan(absDir, "checks", "check");
        for (ModelSpec spec : descriptor.models().values()) {
            if (!models.containsKey(spec.name())) {
                throw SessionException.config(spec.location(), "model '" + spec.name() + "' has no SQL file",
                        "create models/" + spec.name() + SqlFile.SUFFIX + " holding its SELECT, or remove the entry");
            }
        }
        for (ModelSpec.FolderDefaults folder : descriptor.folders().values()) {
            if (!Files.isDirectory(absDir.resolve("models").resolve(folder.path()))) {
                throw SessionException.config(folder.location(), "folder '" + folder.path() + "' under folders: is "
                        + "not a folder of models/", "name a folder that holds model files, e.g. staging for "
                        + "models/staging/");
            }
        }
        for (SqlFile model : models.values()) {
            if (descriptor.sources().containsKey(model.name())) {
                throw SessionException.config(Location.of(model.display()), "model '" + model.name()
                        + "' has the name of a source", "rename the model file");
            }
        }
        return new Project(absDir, descriptor, models, checks);
    }

    /**
     * The settings of a model (empty for a model that has a file only) under the defaults of the folders that hold
     * its file, the deepest folder applied last.
     */
    public ModelSpec spec(String model) {
        ModelSpec spec = descriptor.models().get(model);
        spec = spec != null ? spec : ModelSpec.bare(model, Location.of(models.get(model).display()));
        String path = models.get(model).display().replaceAll("^models/", "");
        List<ModelSpec.FolderDefaults> folders = descriptor.folders().values().stream()
                .filter(f -> path.startsWith(f.path() + "/"))
                .sorted(Comparator.comparing((ModelSpec.FolderDefaults f) -> f.path().length()).reversed()).toList();
        for (ModelSpec.FolderDefaults folder : folders) {
            spec = spec.under(folder);
        }
        return spec;
    }

    public String display(Path file) {
        return display(dir, file);
    }

    private static String display(Path dir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(dir) ? dir.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static Map<String, SqlFile> scan(Path dir, String folder, String what) {
        Path root = dir.resolve(folder);
        Map<String, SqlFile> found = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(SqlFile.SUFFIX))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw SessionException.io(Location.of(folder), "cannot list " + folder + "/: " + e.getMessage(), null, e);
        }
        for (Path path : files) {
            String fileName = path.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - SqlFile.SUFFIX.length());
            String display = display(dir, path);
            Names.identifier(name, Location.of(display), what + " name (from the file name)");
            SqlFile previous = found.put(name, new SqlFile(name, path, display));
            if (previous != null) {
                throw SessionException.config(Location.of(display), "duplicate " + what + " name '" + name
                        + "', also defined by " + previous.display(), "rename one of the two files");
            }
        }
        return found;
    }
}
