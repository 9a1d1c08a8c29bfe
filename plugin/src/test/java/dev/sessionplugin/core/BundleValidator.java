package dev.sessionplugin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the shared offline checker of Superset bundles (Python 3 with PyYAML; .ci/run installs it). */
public final class BundleValidator {

    private BundleValidator() {
    }

    /** shared/ sits beside the repository: found from -Dsession.sharedDir, or upward from the working directory. */
    public static Path script() {
        String tool = "tools/validate-superset-bundle.py";
        String configured = System.getProperty("session.sharedDir");
        if (configured != null && Files.isRegularFile(Path.of(configured).resolve(tool))) {
            return Path.of(configured).resolve(tool);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("shared").resolve(tool))) {
                return dir.resolve("shared").resolve(tool);
            }
        }
        throw new AssertionError("the bundle checker shared/" + tool + " was not found beside the repository");
    }

    /** A python3 that can import yaml. */
    public static String python() throws IOException, InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                if (new ProcessBuilder(candidate, "-c", "import yaml").start().waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        throw new AssertionError("no python3 with PyYAML: apt-get install -y python3-yaml");
    }

    /** Asserts the checker accepts the bundle with --expect-wau; returns what it printed. */
    public static String assertValid(Path bundle) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python(), script().toString(), bundle.toString(), "--expect-wau")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("bundle ok: 1 database, 1 dataset, 1 chart, 1 dashboard"), out);
        return out;
    }
}
