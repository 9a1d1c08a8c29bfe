package dev.sessionplugin.core.report;

import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Everything a run did, collected as it happens, printed as one line per step and a summary table at the end. */
public final class RunReport implements Progress {

    /** The steps the summary table has a column for, in pipeline order: 28 + 4 x 23 = 120 characters wide. */
    private static final List<String> TABLE_STEPS = List.of("stage", "ctas", "test", "swap");

    private final String goal;
    private final String target;
    private final String selection;
    private final Progress progress;
    private final Instant started = Instant.now();
    private final List<StepResult> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<CheckResult> checks = Collections.synchronizedList(new ArrayList<>());
    private final Map<StepResult, Instant> finishedAt = Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final List<Declared> declared = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> skipReasons = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> rendered = Collections.synchronizedList(new ArrayList<>());
    private volatile List<dev.sessionplugin.core.warehouse.RenderedFiles.Sent> statements = List.of();
    private Instant finished;
    private String failure;

    public RunReport(String goal, String target, String selection, Progress progress) {
        this.goal = goal;
        this.target = target;
        this.selection = selection;
        this.progress = progress;
    }

    /** A check the plan intends to run; one that never ran is reported as skipped. */
    public record Declared(String subject, String name, String type) {
    }

    public void declare(String subject, String name, String type) {
        declared.add(new Declared(subject, name, type));
    }

    /** A declared check this run skips on purpose, with the reason the reports give. */
    public void skip(String subject, String name, String reason) {
        skipReasons.put(subject + "/" + name, reason);
    }

    /** Why a check that did not run was not run. */
    public String skipReason(Declared check) {
        return skipReasons.getOrDefault(check.subject() + "/" + check.name(), "not run: the run stopped before this check");
    }

    /** A check whose statements were written but not run (session:render). */
    public void rendered(String subject, String name) {
        rendered.add(subject + "/" + name);
    }

    /** Every statement the run sent, in order, with the engine's query id. */
    public void statements(List<dev.sessionplugin.core.warehouse.RenderedFiles.Sent> sent) {
        statements = List.copyOf(sent);
    }

    public List<dev.sessionplugin.core.warehouse.RenderedFiles.Sent> statements() {
        return statements;
    }

    public List<Declared> notRun() {
        List<CheckResult> ran = checks();
        return declared.stream().filter(d -> ran.stream().noneMatch(c -> c.subject().equals(d.subject())
                && c.name().equals(d.name()))).toList();
    }

    public Instant finishedAt(StepResult result) {
        return finishedAt.get(result);
    }

    public void step(StepResult result) {
        steps.add(result);
        finishedAt.put(result, Instant.now());
        String rows = result.rows() < 0 ? "" : String.format(Locale.ROOT, "%,d rows", result.rows());
        String line = String.format(Locale.ROOT, "%-6s %-32s %-7s %14s %9s%s", result.step(), result.subject(),
                result.status(), rows, seconds(result.millis()), result.detail() == null ? "" : "  " + result.detail());
        if (result.status() == StepResult.Status.FAILED) {
            progress.warn(line.stripTrailing());
        } else {
            progress.info(line.stripTrailing());
        }
    }

    public void check(CheckResult result) {
        checks.add(result);
        String line = String.format(Locale.ROOT, "%-6s %-32s %-7s %14s %9s  %s", "test", result.subject(),
                result.status() == CheckStatus.PASSED ? "OK" : result.status().toString(),
                String.format(Locale.ROOT, "%,d failing", result.failing()), seconds(result.millis()), result.name());
        if (result.status() == CheckStatus.PASSED) {
            progress.info(line);
        } else {
            progress.warn(line);
            progress.warn("       " + result.describe() + " (all rows: " + result.auditTable() + ")");
        }
    }

    @Override
    public void info(String line) {
        progress.info(line);
    }

    @Override
    public void warn(String line) {
        progress.warn(line);
    }

    public void finish(String failureMessage) {
        this.finished = Instant.now();
        this.failure = failureMessage;
    }

    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    public List<CheckResult> checks() {
        return List.copyOf(checks);
    }

    public List<CheckResult> failedChecks() {
        return checks().stream().filter(c -> c.status() == CheckStatus.FAILED).toList();
    }

    public String goal() {
        return goal;
    }

    public String target() {
        return target;
    }

    public String selection() {
        return selection;
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished == null ? Instant.now() : finished;
    }

    public boolean succeeded() {
        return failure == null;
    }

    public String failure() {
        return failure;
    }

    /** A table of subjects × steps (status, rows, time), then the checks' totals. */
    public List<String> summary() {
        Map<String, Map<String, StepResult>> grid = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (StepResult s : steps()) {
            if (TABLE_STEPS.contains(s.step())) { // other steps (export) have their own line
                grid.computeIfAbsent(s.subject(), k -> new LinkedHashMap<>()).put(s.step(), s);
                columns.add(s.step());
            }
        }
        Map<String, String> tests = new LinkedHashMap<>();
        for (CheckResult c : checks()) {
            grid.computeIfAbsent(c.subject(), k -> new LinkedHashMap<>());
            columns.add("test");
        }
        for (String subject : grid.keySet()) {
            List<CheckResult> mine = checks().stream().filter(c -> c.subject().equals(subject)).toList();
            long failed = mine.stream().filter(c -> c.status() == CheckStatus.FAILED).count();
            long warned = mine.stream().filter(c -> c.status() == CheckStatus.WARNED).count();
            if (!mine.isEmpty()) {
                tests.put(subject, failed > 0 ? "FAILED " + failed + " of " + mine.size() + " checks"
                        : (warned > 0 ? "WARNED " + warned + " of " : "OK ") + mine.size() + " checks");
            }
        }
        List<String> ordered = new ArrayList<>(TABLE_STEPS);
        ordered.retainAll(columns);
        columns = new LinkedHashSet<>(ordered);
        List<String> lines = new ArrayList<>();
        if (!grid.isEmpty()) { // a run that did nothing prints no empty table
            lines.addAll(table(grid, columns, tests));
        }
        long passed = checks().stream().filter(c -> c.status() == CheckStatus.PASSED).count();
        long warned = checks().stream().filter(c -> c.status() == CheckStatus.WARNED).count();
        String verdict = (succeeded() ? "succeeded" : "FAILED") + " in "
                + seconds(Duration.between(started, finished()).toMillis());
        if (!rendered.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "checks: %d rendered, none run; %s", rendered.size(), verdict));
            return lines;
        }
        long skipped = notRun().stream().filter(d -> skipReasons.containsKey(d.subject() + "/" + d.name())).count();
        lines.add(String.format(Locale.ROOT, "checks: %d passed, %d warned, %d failed%s; %s", passed, warned,
                failedChecks().size(), skipped == 0 ? "" : ", " + skipped + " skipped (unchanged)", verdict));
        return lines;
    }

    private static List<String> table(Map<String, Map<String, StepResult>> grid, Set<String> columns,
                                      Map<String, String> tests) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s", "model / source"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, " | %-20s", c)));
        lines.add(head.toString().stripTrailing());
        lines.add("-".repeat(head.length()));
        for (var row : grid.entrySet()) {
            String subject = row.getKey().length() <= 28 ? row.getKey() : row.getKey().substring(0, 27) + "~";
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", subject));
            for (String c : columns) {
                StepResult s = row.getValue().get(c);
                String cell = c.equals("test") ? tests.getOrDefault(row.getKey(), "") : s == null ? ""
                        : s.status() + (s.rows() < 0 ? "" : String.format(Locale.ROOT, " %,d", s.rows())) + " "
                        + seconds(s.millis());
                line.append(String.format(Locale.ROOT, " | %-20s", cell));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
