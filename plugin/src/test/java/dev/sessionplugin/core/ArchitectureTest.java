package dev.sessionplugin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The core stays Maven-free, and each package keeps to what it may know (see the architecture notes). */
class ArchitectureTest {

    static final Path CORE = Path.of("src/main/java/dev/sessionplugin/core");

    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "", List.of("org.apache.maven"),
            "descriptor", List.of("com.github.mustachejava", "java.sql"),
            "render", List.of("java.sql", "org.apache.maven"),
            "graph", List.of("java.sql", "com.github.mustachejava"),
            "report", List.of("java.sql"),
            "extract", List.of("java.sql"),
            // a materialization speaks through its templates and the Warehouse, never to one engine
            "materialize", List.of("java.sql", "dev.sessionplugin.core.dialect.DuckDbDialect",
                    "dev.sessionplugin.core.dialect.SnowflakeDialect"),
            // lineage reads a parse tree; where it came from is the caller's business
            "lineage", List.of("java.sql", "dev.sessionplugin.core.warehouse", "org.apache.maven"),
            // docs asks the engine through a Warehouse like every step, and knows nothing of Maven's site
            "docs", List.of("java.sql", "org.apache.maven"));

    @Test
    void packagesImportOnlyWhatTheyMayKnow() throws IOException {
        try (Stream<Path> files = Files.walk(CORE)) {
            List<String> violations = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                String pkg = CORE.relativize(p.getParent()).toString();
                String text = read(p);
                return FORBIDDEN.entrySet().stream()
                        .filter(rule -> rule.getKey().isEmpty() || rule.getKey().equals(pkg))
                        .flatMap(rule -> rule.getValue().stream())
                        .filter(prefix -> text.contains("import " + prefix))
                        .map(prefix -> p + " imports " + prefix);
            }).toList();
            assertEquals(List.of(), violations);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
