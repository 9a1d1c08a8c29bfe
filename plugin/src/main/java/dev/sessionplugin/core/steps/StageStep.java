package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;
import dev.sessionplugin.core.warehouse.Sql;

import java.util.List;

/**
 * Loads each source's CSV into its staging table with the engine's own COPY. Staging tables are replaced whole;
 * nothing reads them but this pipeline, so a failed load only fails the run.
 */
public final class StageStep {

    private StageStep() {
    }

    public static void run(StepContext ctx, List<LocalFile> files) {
        ctx.ensureSchemas();
        for (LocalFile file : files) {
            Timer timer = new Timer();
            Sql load = ctx.statements().loadCsv(file.source(), file.path().toAbsolutePath().toString());
            try {
                ctx.warehouse().update(ctx.statements().createStagingTable(file.source()));
                long rows = ctx.warehouse().update(load);
                ctx.report().step(new StepResult("stage", file.source().name(), Status.OK, rows, timer.millis(),
                        "from " + file.display(), ctx.warehouse().files().displayOf(load)));
            } catch (SessionException e) {
                ctx.report().step(new StepResult("stage", file.source().name(), Status.FAILED, -1, timer.millis(),
                        e.reason(), ctx.warehouse().files().displayOf(load)));
                throw inFile(e, file);
            }
        }
    }

    /** Engine errors name the absolute path; the user knows the file by its project-relative name. */
    private static SessionException inFile(SessionException e, LocalFile file) {
        if (e.kind() != SessionException.Kind.DATA) {
            return e;
        }
        int line = e.location() == null ? 0 : e.location().line();
        return new SessionException(e.kind(), Location.of(file.display(), line),
                "source '" + file.source().name() + "': " + e.reason(), e.hint(), e);
    }
}
