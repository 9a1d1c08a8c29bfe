package dev.sessionplugin.core.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the last run said about each source and model, read from its {@code run_results.json}: the steps with rows
 * and durations, and each check's result. No report (nothing ran yet) is an empty one.
 */
record LastRun(String goal, String finishedAt, String status, Map<String, List<Step>> steps,
               Map<String, Map<String, Check>> checks) {

    /** A step of the run on one subject. */
    record Step(String step, String status, Long rows, long durationMs, String finishedAt) {
    }

    /** A check's result; {@code failingRows} null when it did not run. */
    record Check(String status, Long failingRows, Long durationMs, String detail) {
    }

    static final LastRun NONE = new LastRun(null, null, null, Map.of(), Map.of());

    static LastRun read(Path file) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return NONE; // a report cut short by a kill says nothing reliable; the pages say "not run"
        }
        Map<String, List<Step>> steps = new HashMap<>();
        for (JsonNode s : root.path("steps")) {
            long rows = s.path("rows").asLong(-1);
            steps.computeIfAbsent(s.path("subject").asText(), k -> new ArrayList<>()).add(new Step(
                    s.path("step").asText(), s.path("status").asText(), rows < 0 ? null : rows,
                    s.path("duration_ms").asLong(), text(s.path("finished_at"))));
        }
        Map<String, Map<String, Check>> checks = new HashMap<>();
        for (JsonNode c : root.path("checks")) {
            checks.computeIfAbsent(c.path("subject").asText(), k -> new HashMap<>()).put(c.path("name").asText(),
                    new Check(c.path("status").asText(), c.path("failing_rows").asLong(), c.path("duration_ms")
                            .asLong(), null));
        }
        for (JsonNode c : root.path("checks_not_run")) {
            checks.computeIfAbsent(c.path("subject").asText(), k -> new HashMap<>()).put(c.path("name").asText(),
                    new Check("skipped", null, null, c.path("reason").asText()));
        }
        return new LastRun(text(root.path("goal")), text(root.path("finished_at")), text(root.path("status")), steps,
                checks);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
