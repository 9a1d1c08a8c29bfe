package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.extract.LineEndings;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;
import dev.sessionplugin.core.warehouse.Sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads each source's CSV into its staging table with the engine's own COPY. Staging tables are replaced whole, or,
 * when {@link SourceScan} proves the files only grew, get just the new rows; nothing reads them but this pipeline
 * (published views read copies taken at publish), so a failed load only fails the run.
 */
public final class StageStep {

    private StageStep() {
    }

    public static void run(StepContext ctx, List<LocalFile> files) {
        run(ctx, files, Map.of());
    }

    /**
     * Loads the files and records each source's fingerprint and extents. The recorded fingerprint is removed before
     * the staging table is changed and written only once every file is in, so a failed or killed load leaves no
     * fingerprint behind that a later run could mistake for the table's content.
     *
     * @param scans what {@link Incremental} found for these files (scanned here otherwise); a source whose scan
     *              {@link SourceScan#appends() appends} gets only its new bytes, on top of its staging table
     */
    public static void run(StepContext ctx, List<LocalFile> files, Map<String, SourceScan> scans) {
        ctx.ensureSchemas();
        Fingerprints fingerprints = new Fingerprints(ctx.warehouse(), ctx.statements());
        Map<SourceSpec, List<LocalFile>> bySource = new LinkedHashMap<>();
        files.forEach(f -> bySource.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f));
        for (var entry : bySource.entrySet()) {
            SourceSpec source = entry.getKey();
            Timer timer = new Timer();
            SourceScan known = scans.get(source.name());
            boolean appends = known != null && known.appends();
            fingerprints.forget(Fingerprints.SOURCE, List.of(source.name()), List.of(Fingerprints.EXTENTS));
            Loaded loaded;
            try (AppendedBytes appended = appends ? AppendedBytes.of(source, known.tails()) : null) {
                if (appended == null) {
                    ctx.warehouse().update(ctx.statements().createStagingTable(source));
                }
                loaded = loadAll(ctx, source, appended == null ? entry.getValue() : appended.files(), timer,
                        appended);
            }
            if (ctx.warehouse().executes()) { // a render reads no file: it may not even be downloaded
                SourceScan scan = known != null ? known : SourceScan.of(source, entry.getValue(), null, null);
                fingerprints.record(Fingerprints.SOURCE, source.name(), scan.fingerprint());
                fingerprints.record(Fingerprints.EXTENTS, source.name(), scan.extents());
            }
            List<LocalFile> all = entry.getValue();
            String from = all.size() == 1 ? all.get(0).display() : all.size() + " files";
            ctx.report().step(new StepResult("stage", source.name(), Status.OK, loaded.rows, timer.millis(),
                    appends ? "appended from " + from + " (" + AppendedBytes.describe(known.tails()) + ")"
                            : "from " + from, loaded.statement));
        }
    }

    private record Loaded(long rows, String statement) {
    }

    private static Loaded loadAll(StepContext ctx, SourceSpec source, List<LocalFile> files, Timer timer,
                                  AppendedBytes appended) {
        long rows = 0;
        String statement = null;
        List<Path> local = files.stream().map(LocalFile::path).filter(java.util.Objects::nonNull).toList();
        if (!local.isEmpty()) { // engines that cannot read this machine's files get them uploaded first
            ctx.warehouse().dialect().upload(ctx.warehouse(), ctx.statements(), source, local, true);
        }
        for (LocalFile file : files) {
            Sql load = ctx.statements().loadCsv(source, file.location());
            statement = ctx.warehouse().files().displayOf(load);
            try {
                if (file.path() == null) {
                    ctx.warehouse().update(ctx.statements().createStage(source, file.location()));
                }
                ctx.warehouse().dialect().verifyHeader(ctx.warehouse(), ctx.statements(), file);
                rows += load(ctx, source, file, load);
            } catch (SessionException e) {
                ctx.report().step(new StepResult("stage", source.name(), Status.FAILED, -1, timer.millis(),
                        e.reason(), statement));
                throw inFile(appended == null ? e : appended.located(e, file), file);
            }
        }
        return new Loaded(rows, statement);
    }

    /** One file into the staging table; a local file mixing CRLF and LF endings is loaded from an LF copy. */
    private static long load(StepContext ctx, SourceSpec source, LocalFile file, Sql load) {
        try {
            return ctx.warehouse().dialect().load(ctx.warehouse(), load, file.display());
        } catch (SessionException e) {
            if (file.path() == null || !ctx.warehouse().executes() || !mixedEndings(file)) {
                throw e;
            }
        }
        ctx.report().info("stage  " + file.display() + " mixes CRLF and LF line endings: loading an LF copy");
        Path copy = null;
        try {
            copy = LineEndings.normalizedCopy(file.path()); // the failed COPY was rolled back whole
            ctx.warehouse().dialect().upload(ctx.warehouse(), ctx.statements(), source, List.of(copy), false);
            return ctx.warehouse().dialect().load(ctx.warehouse(),
                    ctx.statements().loadCsv(source, copy.toAbsolutePath().toString()), file.display());
        } catch (IOException e) {
            throw SessionException.io(Location.of(file.display()), "cannot write an LF copy: " + e.getMessage(),
                    "convert the file's line endings to LF (e.g. dos2unix) and run again", e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    private static boolean mixedEndings(LocalFile file) {
        try {
            return LineEndings.mixed(file.path());
        } catch (IOException e) {
            return false;
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
