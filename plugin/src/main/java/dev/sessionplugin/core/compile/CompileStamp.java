package dev.sessionplugin.core.compile;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.descriptor.SourceSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A compile (and the unit tests) is skipped only when it can show that nothing it reads changed since it last
 * passed: the fingerprint covers every rendered model, the sources' and models' declarations with their checks,
 * the unit test files, the project's own templates, the target and the plugin version. Anything else compiles.
 */
final class CompileStamp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompileStamp() {
    }

    static Path file(Path buildDir) {
        return buildDir.resolve("session").resolve("compiled").resolve("passed.fingerprint");
    }

    static Path catalog(Path buildDir) {
        return buildDir.resolve("session").resolve("catalog.json");
    }

    static String fingerprint(Project project, Plan plan, String target, String pluginVersion) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            add(digest, pluginVersion + "|" + target);
            for (SourceSpec source : plan.sources()) {
                add(digest, source.toString());
            }
            for (PlannedModel model : plan.models()) {
                add(digest, model.name() + "|" + model.select() + "|" + model.spec());
            }
            for (String folder : List.of("tests", "templates")) {
                Path dir = project.dir().resolve(folder);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            add(digest, project.dir().relativize(f).toString());
                            digest.update(Files.readAllBytes(f));
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            return null; // no fingerprint: compile again
        }
    }

    /** The catalog of the last compile with this fingerprint that passed (with its unit tests when asked), or null. */
    static Catalog passed(Path buildDir, String fingerprint, boolean withUnits) {
        try {
            if (fingerprint == null || !Files.exists(file(buildDir)) || !Files.exists(catalog(buildDir))) {
                return null;
            }
            String stamp = Files.readString(file(buildDir)).strip();
            boolean covers = withUnits ? stamp.equals(fingerprint + " units") : stamp.startsWith(fingerprint + " ");
            return covers ? JSON.readValue(catalog(buildDir).toFile(), Catalog.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records a pass; {@code units} when the unit tests passed too (a compile alone never claims them). */
    static void record(Path buildDir, String fingerprint, boolean units) {
        try {
            Path file = file(buildDir);
            if (fingerprint == null) {
                Files.deleteIfExists(file);
                return;
            }
            if (!units && Files.exists(file) && Files.readString(file).strip().equals(fingerprint + " units")) {
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, fingerprint + (units ? " units" : " compile") + "\n");
        } catch (IOException e) {
            // without a stamp the next run compiles again
        }
    }

    static void forget(Path buildDir) {
        try {
            Files.deleteIfExists(file(buildDir));
        } catch (IOException e) {
            // a stale stamp names another fingerprint anyway
        }
    }

    private static void add(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
