package dev.sessionplugin.core;

import dev.sessionplugin.core.compile.Binding;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.Project;
import dev.sessionplugin.core.dialect.Dialect;
import dev.sessionplugin.core.dialect.Dialects;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.extract.SourceFiles;
import dev.sessionplugin.core.graph.Selection;
import dev.sessionplugin.core.render.TemplateFolder;
import dev.sessionplugin.core.report.CheckResult;
import dev.sessionplugin.core.report.Progress;
import dev.sessionplugin.core.report.ReportWriter;
import dev.sessionplugin.core.report.RunLog;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.steps.CheckStep;
import dev.sessionplugin.core.steps.CtasStep;
import dev.sessionplugin.core.steps.Incremental;
import dev.sessionplugin.core.steps.PublishStep;
import dev.sessionplugin.core.steps.StageStep;
import dev.sessionplugin.core.steps.StepContext;
import dev.sessionplugin.core.superset.SupersetExport;
import dev.sessionplugin.core.warehouse.DryRunWarehouse;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.RunLock;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core's entry point: plans the run, then executes the goal's steps in order — extract, stage, ctas, test,
 * swap — writing the report whatever happens. Publishing comes last and only after every check passed.
 */
public final class Pipeline {

    private Pipeline() {
    }

    public static RunReport execute(RunRequest request, Progress console) {
        try (RunLog log = new RunLog(console, request.buildDir().resolve("session").resolve("logs"),
                request.goal().word())) {
            try {
                return execute(request, log);
            } catch (SessionException e) {
                log.error(e.getMessage());
                throw e;
            }
        }
    }

    /** What the request's project, target and selection come to, without connecting anywhere. */
    public record Setup(Project project, Dialect dialect, Statements statements, Plan plan) {
    }

    public static Setup setup(RunRequest request) {
        Project project = Project.load(request.projectDir(), request.descriptor()).withVars(request.options().vars());
        String target = request.target() == null || request.target().isBlank()
                ? project.descriptor().target() : request.target();
        Dialect dialect = Dialects.forTarget(target, project, request.options().credentials(), request.buildDir());
        Statements statements = new Statements(dialect, TemplateFolder.statements(target, project.dir()),
                project.descriptor().schemas().forEnvironment(request.mode().env()),
                project.modelSchemas(request.mode().env()));
        Plan plan = Planner.plan(project, statements, selection(request));
        dialect.checkNames(plan, statements.schemas());
        return new Setup(project, dialect, statements, plan);
    }

    private static Selection selection(RunRequest request) {
        return new Selection(request.select() == null ? "" : request.select(),
                request.exclude() == null ? "" : request.exclude());
    }

    private static RunReport execute(RunRequest request, RunLog progress) {
        long planning = System.nanoTime();
        boolean builds = request.goal() == Goal.RUN || (request.goal() == Goal.TEST && !request.mode().publishedOnly());
        // Binding every model needs no connection: it runs beside planning, locking and connecting, and the run
        // waits for it before it loads anything. Unit tests run on the compile's engine, so they bind first.
        Binding binding = builds && !request.mode().units() ? Binding.start(request) : null;
        Setup setup = setup(request);
        Project project = setup.project();
        Dialect dialect = setup.dialect();
        Statements statements = setup.statements();
        Plan plan = setup.plan();
        progress.info(String.format("plan   %d models, %d sources, %d custom checks on %s (%s) in %d ms",
                plan.models().size(), plan.sources().size(), plan.checks().size(), dialect.name(),
                dialect.describeTarget(), (System.nanoTime() - planning) / 1_000_000));

        RunReport report = new RunReport(request.goal().word(), dialect.name(), selection(request).expression(),
                progress);
        if (request.goal() == Goal.TEST || request.goal() == Goal.RUN) {
            plan.sources().forEach(s -> s.checks().forEach(c -> report.declare(s.name(), c.name(), c.type())));
            plan.models().forEach(m -> m.spec().checks().forEach(c -> report.declare(m.name(), c.name(), c.type())));
            plan.checks().forEach(c -> report.declare(c.subject(), c.name(), CheckSpec.CUSTOM));
        }
        if (builds && binding == null) {
            try { // before anything connects: a model that does not bind stops the run here
                dev.sessionplugin.core.unit.UnitTests.run(request, report);
            } catch (SessionException e) {
                report.finish(e.getMessage());
                finish(request, project, report, dialect, progress);
                throw e;
            }
        }
        if (request.goal() == Goal.EXPORT_SUPERSET && dialect.exportsFromCatalog()) {
            try {
                exportFromCatalog(request, project, statements, dialect, report);
                report.finish(null);
            } catch (SessionException e) {
                report.finish(e.getMessage());
                finish(request, project, report, dialect, progress);
                throw e;
            }
            finish(request, project, report, dialect, progress);
            return report;
        }
        Path rendered = request.buildDir().resolve("session").resolve("rendered");
        boolean dryRun = request.goal() == Goal.RENDER; // a render shows exactly its own statements: see writeJournal
        // One file per model or source, written in bulk when the run ends or fails: a file per statement cost
        // more than the statements of small models (an open() each).
        RenderedFiles files = RenderedFiles.bySubject(rendered, project.display(rendered));
        try (RunLock lock = dryRun ? null : dialect.lockRun(Duration.ofSeconds(request.options().lockWaitSeconds()));
             Warehouse warehouse = dryRun ? new DryRunWarehouse(dialect, files, compiledColumns(request, plan, report))
                     : JdbcWarehouse.open(dialect, files, new Retry(4, 500, progress::warn))) {
            StepContext ctx = new StepContext(plan, warehouse, statements, report, request.options().threads(),
                    request.options().full());
            if (lock != null && lock.interruptedRun() != null) {
                report.warn("recover an earlier run was interrupted (" + lock.interruptedRun() + "): "
                        + dialect.recover(warehouse, statements));
            }
            if (!dryRun) {
                dialect.verifySession(warehouse, statements);
            }
            if (binding != null) { // a model that does not bind stops the run here, before anything is loaded
                binding.await(report);
            }
            try (Dialect.Held targetLock = dialect.lockTarget(warehouse, statements,
                    Duration.ofSeconds(request.options().lockWaitSeconds()), report)) {
                runSteps(request, project, ctx);
            }
            report.statements(files.sent());
            report.finish(null);
        } catch (SessionException e) {
            files.writeJournal(dryRun);
            report.statements(files.sent());
            report.finish(e.getMessage());
            finish(request, project, report, dialect, progress);
            throw e;
        } catch (RuntimeException e) {
            files.writeJournal(dryRun); // whatever failed, the statements sent so far are where a reader looks first
            throw e;
        }
        files.writeJournal(dryRun);
        finish(request, project, report, dialect, progress);
        return report;
    }

    /**
     * For a render of models that keep history: their columns from the compile catalog, so the statements that list
     * them (INSERT, MERGE) are shown as they would run. Nothing is compiled for a project without such models.
     */
    private static java.util.Map<String, List<Warehouse.Column>> compiledColumns(RunRequest request, Plan plan,
                                                                            RunReport report) {
        if (plan.models().stream().noneMatch(m -> m.materialized().kind().keepsHistory())) {
            return java.util.Map.of();
        }
        java.util.Map<String, List<Warehouse.Column>> columns = new java.util.HashMap<>();
        dev.sessionplugin.core.compile.Compilation.run(request, report).catalog().models().forEach((name, node) ->
                columns.put(name, node.columns().stream().map(c -> new Warehouse.Column(c.name(), c.type())).toList()));
        return columns;
    }

    private static void runSteps(RunRequest request, Project project, StepContext ctx) {
        Goal goal = request.goal();
        if (goal == Goal.SWAP) {
            PublishStep.run(ctx);
            return;
        }
        if (goal == Goal.EXPORT_SUPERSET) {
            exportSuperset(request, project, ctx, true);
            return;
        }
        if (goal == Goal.RUN) {
            runIncrementally(request, project, ctx);
            return;
        }
        if (goal == Goal.TEST && request.mode().publishedOnly()) {
            checkPublished(ctx);
            return;
        }
        if (goal != Goal.CTAS) {
            StageStep.run(ctx, sourceFiles(request, project, ctx, goal == Goal.RENDER));
        }
        if (goal == Goal.STAGE) {
            return;
        }
        CtasStep.run(ctx);
        if (goal == Goal.CTAS) {
            return;
        }
        requirePassed(CheckStep.run(ctx), goal == Goal.RENDER ? null : "shadows kept for inspection", ctx);
        if (goal == Goal.RENDER) {
            PublishStep.run(ctx);
        }
    }

    /**
     * session:run: redoes what {@link Incremental} cannot prove unchanged since the last verified publish, checks
     * it, publishes it, and only then records the fingerprints that let a later run skip it.
     */
    private static void runIncrementally(RunRequest request, Project project, StepContext ctx) {
        List<LocalFile> files = sourceFiles(request, project, ctx, false);
        Incremental.Decision decision = Incremental.decide(ctx, files, request.options().full());
        decision.skippedChecks().forEach((key, reason) -> ctx.report().skip(key.substring(0, key.indexOf('/')),
                key.substring(key.indexOf('/') + 1), reason));
        if (decision.nothingToDo()) {
            ctx.report().info("nothing changed since the last verified publish; -Dsession.full=true rebuilds "
                    + "everything");
            if (!ctx.warehouse().dialect().publishedCopiesIntact()) {
                ctx.report().info("recover " + ctx.warehouse().dialect().recover(ctx.warehouse(), ctx.statements()));
            }
            if (!Files.exists(bundlePath(request, project))) {
                exportSuperset(request, project, ctx, false);
            }
            return;
        }
        if (decision.rebuild().isEmpty()) {
            ctx.report().info("nothing to rebuild; running the " + decision.runChecks().size() + " check(s) whose "
                    + "inputs changed or that read the clock, on the published tables");
        }
        StepContext narrowed = ctx.withPlan(Planner.narrow(ctx.plan(), ctx.statements(), decision.rebuild(),
                decision.verify(), decision.customChecks(), decision.reads()));
        StageStep.run(narrowed, Incremental.toStage(files, decision), decision.sourceScans());
        CtasStep.run(narrowed);
        boolean partial = request.mode().partial();
        boolean passed = CheckStep.run(narrowed, decision::runs, partial);
        if (!passed && partial) {
            publishPartially(narrowed, decision);
        }
        requirePassed(passed, partial ? "published only what passed and what it reads passed (see above)"
                : "nothing was published", narrowed);
        if (!narrowed.plan().models().isEmpty()) {
            PublishStep.run(narrowed);
        }
        Incremental.recordChecks(narrowed, decision, narrowed.report().checks());
        exportSuperset(request, project, narrowed, false);
    }

    /**
     * -Dsession.publish=partial after a failed check: publishes each model whose own checks and whose upstream
     * models' checks (in this run) all passed, and holds back the rest; the run then fails as usual.
     */
    private static void publishPartially(StepContext ctx, Incremental.Decision decision) {
        Set<String> failed = new HashSet<>();
        for (CheckResult c : ctx.report().failedChecks()) {
            failed.add(c.subject());
            ctx.plan().checks().stream().filter(k -> k.name().equals(c.name())).forEach(k -> failed.addAll(k.models()));
        }
        Set<String> held = new HashSet<>();
        List<Plan.PlannedModel> publish = new java.util.ArrayList<>();
        for (Plan.PlannedModel m : ctx.plan().models()) { // build order: upstream first
            // held: its own check failed, or it reads a model held back or failing, or a source whose check failed
            if (failed.contains(m.name()) || m.models().stream().anyMatch(x -> held.contains(x) || failed.contains(x))
                    || m.sources().stream().anyMatch(failed::contains)) {
                held.add(m.name());
            } else {
                publish.add(m);
            }
        }
        CheckStep.refuse(ctx, held);
        ctx.report().warn("publish partial: " + publish.size() + " model(s) whose checks and upstream checks passed; "
                + "held back: " + String.join(", ", new java.util.TreeSet<>(held)));
        if (!publish.isEmpty()) {
            Plan p = ctx.plan();
            PublishStep.run(ctx.withPlan(new Plan(p.project(), p.sources(), publish, List.of(), List.of(), p.waves())));
            Incremental.recordChecks(ctx, decision, ctx.report().checks().stream()
                    .filter(c -> publish.stream().anyMatch(m -> m.name().equals(c.subject()))).toList());
        }
    }

    /** session:test -Dsession.published=true: every selected model's checks on its published table, nothing built. */
    private static void checkPublished(StepContext ctx) {
        Plan plan = ctx.plan();
        Statements st = ctx.statements();
        Set<String> models = new HashSet<>();
        for (Plan.PlannedModel m : plan.models()) {
            if (ctx.warehouse().queryLong(st.tableExists("test", m.name(), st.schemaOf(m.name()), m.name())) > 0) {
                models.add(m.name());
            } else {
                m.spec().checks().forEach(c -> ctx.report().skip(m.name(), c.name(), "not published yet"));
            }
        }
        plan.sources().forEach(s -> s.checks().forEach(c -> ctx.report().skip(s.name(), c.name(),
                "checks of sources run when they are loaded; -Dsession.published=true checks published tables")));
        StepContext published = ctx.withPlan(Planner.narrow(plan, ctx.statements(), Set.of(), models,
                new HashSet<>(plan.checks().stream().filter(c -> models.containsAll(c.models()))
                        .map(Plan.CustomCheck::name).toList()), Set.of()));
        requirePassed(CheckStep.run(published), "the published tables are as they were", published);
    }

    private static List<LocalFile> sourceFiles(RunRequest request, Project project, StepContext ctx, boolean planned) {
        SourceFiles sources = new SourceFiles(project, request.buildDir(), request.options(), ctx.report(),
                ctx.warehouse().dialect());
        String base = request.sourcesOverride() != null ? request.sourcesOverride()
                : ctx.warehouse().dialect().defaultSources();
        return planned ? sources.planned(ctx.plan().sources(), base) : sources.resolve(ctx.plan().sources(), base);
    }

    /** @param outcome what the run did about the failure, for the message; null when nothing was judged */
    private static void requirePassed(boolean passed, String outcome, StepContext ctx) {
        if (passed || outcome == null) {
            return;
        }
        List<CheckResult> failed = ctx.report().failedChecks();
        throw new SessionException(SessionException.Kind.CHECK, null, failed.size() + " check(s) failed; "
                + outcome + ":\n  "
                + failed.stream().map(CheckResult::describe).collect(Collectors.joining("\n  ")),
                "query the failing rows in the audit tables named above, fix the data or the model, run again",
                null);
    }

    private static Path bundlePath(RunRequest request, Project project) {
        return request.buildDir().resolve("superset").resolve(project.descriptor().project() + "-superset.zip");
    }

    private static void exportSuperset(RunRequest request, Project project, StepContext ctx, boolean asked) {
        if (!SupersetExport.wanted(project)) {
            if (asked) {
                throw SessionException.config(Location.of(project.descriptor().file()), "no model asks for a "
                        + "Superset dataset", "add a 'superset:' section to a model (see superset/README.md)");
            }
            return;
        }
        long start = System.nanoTime();
        SupersetExport.Result result = SupersetExport.export(project, ctx.statements(), ctx.warehouse(),
                ctx.warehouse().dialect().name(), request.buildDir().resolve("superset"));
        ctx.report().step(new StepResult("export", "superset", StepResult.Status.OK, -1,
                (System.nanoTime() - start) / 1_000_000, result.datasets() + " dataset(s), " + result.charts()
                + " chart(s) -> " + project.display(result.bundle()) + ", " + project.display(result.page()), null));
    }

    /** The bundle offline: columns from the compile catalog, no connection (so no numbers for wau.html). */
    private static void exportFromCatalog(RunRequest request, Project project, Statements statements, Dialect dialect,
                                          RunReport report) {
        if (!SupersetExport.wanted(project)) {
            throw SessionException.config(Location.of(project.descriptor().file()), "no model asks for a Superset "
                    + "dataset", "add a 'superset:' section to a model (see superset/README.md)");
        }
        long start = System.nanoTime();
        var catalog = dev.sessionplugin.core.compile.Compilation.run(request, report).catalog();
        SupersetExport.Result result = SupersetExport.export(project, statements,
                dev.sessionplugin.core.superset.PublishedData.of(catalog), dialect.name(),
                request.buildDir().resolve("superset"));
        report.step(new StepResult("export", "superset", StepResult.Status.OK, -1,
                (System.nanoTime() - start) / 1_000_000, result.datasets() + " dataset(s), " + result.charts()
                + " chart(s) -> " + project.display(result.bundle()) + " (offline, columns from the compile catalog; "
                + "wau.html needs a connection: session:run writes it)", null));
    }

    private static void finish(RunRequest request, Project project, RunReport report, Dialect dialect, RunLog log) {
        report.summary().forEach(report::info);
        String here = project.dir().toAbsolutePath() + java.io.File.separator; // the dialect names files absolutely
        List<String> outputs = new java.util.ArrayList<>((request.goal() == Goal.RENDER ? List.<String>of()
                : dialect.outputs()).stream().map(line -> line.replace(here, "")).toList());
        if (request.goal() != Goal.RENDER) {
            Path reports = request.buildDir().resolve("session-reports");
            ReportWriter.write(report, reports, project.descriptor().project(), request.pluginVersion());
            outputs.add("reports        " + project.display(reports) + "/ (run_results.json, TEST-session.*.xml)");
        } else {
            outputs.add("rendered SQL   " + project.display(request.buildDir().resolve("session").resolve("rendered"))
                    + "/");
        }
        Path bundle = bundlePath(request, project);
        if (Files.exists(bundle)) {
            outputs.add("Superset       " + project.display(bundle));
        }
        outputs.add("log            " + project.display(log.file()));
        outputs.forEach(line -> report.info("output " + line));
    }
}
