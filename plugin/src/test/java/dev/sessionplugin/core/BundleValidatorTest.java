package dev.sessionplugin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.superset.SupersetExportTestSupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle checker accepts what the export writes and rejects each kind of defect Superset's import rejects. */
class BundleValidatorTest {

    @TempDir
    static Path dir;
    static Map<String, String> bundle;

    @BeforeAll
    static void export() throws Exception {
        TestProjects.sample(dir, 200);
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR + SupersetExportTestSupport.SUPERSET);
        TestProjects.run(dir, Goal.RUN);
        bundle = BundleValidator.read(dir.resolve("target/superset/session-superset.zip"));
    }

    static List<String> problemsAfter(String fileEnding, UnaryOperator<String> edit) {
        Map<String, String> changed = new TreeMap<>(bundle);
        String name = changed.keySet().stream().filter(n -> n.endsWith(fileEnding)).findFirst().orElseThrow();
        String before = changed.get(name);
        changed.put(name, edit.apply(before));
        assertTrue(!before.equals(changed.get(name)), "the edit changed " + name);
        return BundleValidator.problems(changed);
    }

    static void rejected(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), fragment + " in " + problems);
    }

    @Test
    void theExportedBundleIsAccepted() throws Exception {
        assertEquals(List.of(), BundleValidator.problems(bundle));
        assertEquals("bundle ok: 1 database, 1 dataset, 1 chart, 1 dashboard",
                BundleValidator.assertValid(dir.resolve("target/superset/session-superset.zip")));
    }

    @Test
    void eachDefectIsRejected() {
        rejected(problemsAfter("session_summary.yaml", t -> t + "colour: blue\n"), "unknown key 'colour'");
        rejected(problemsAfter("Weekly_Active_Users_1.yaml", t -> t.replaceFirst("(?m)^uuid: (.*)$", "uuid: ABC")),
                "'uuid' should be uuid");
        rejected(problemsAfter("Weekly_Active_Users_1.yaml", t -> t.replaceFirst("(?m)^dataset_uuid: .*$",
                "dataset_uuid: 00000000-0000-0000-0000-000000000000")), "matches no datasets file");
        rejected(problemsAfter("session_summary.yaml", t -> t.replace("COUNT(DISTINCT userId)", "COUNT(userId)")),
                "WAU: no weekly");
        rejected(problemsAfter("Weekly_Active_Users_1.yaml", t -> t.replace("P1W", "P1D")), "WAU: no weekly");
        rejected(problemsAfter("session_duckdb.yaml", t -> t + "password: secret\n"), "ships a secret");
        rejected(problemsAfter("metadata.yaml", t -> t.replace("1.0.0", "1.0")), "version must be the string 1.0.0");
        rejected(problemsAfter("session_duckdb.yaml", t -> t.replaceFirst("(?m)^allow_csv_upload: .*\\n", "")),
                "missing required key 'allow_csv_upload'");
        rejected(problemsAfter("Sessions_1.yaml", t -> t.replaceFirst("(?m)^(\\s+)chartId: .*$", "$1chartId: x")),
                "meta.chartId should be an integer");
    }
}
