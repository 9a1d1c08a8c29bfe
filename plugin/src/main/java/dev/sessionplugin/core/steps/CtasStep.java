package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.StepResult;
import dev.sessionplugin.core.report.StepResult.Status;
import dev.sessionplugin.core.warehouse.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds each selected model, in dependency order, into its shadow table next to the published one. */
public final class CtasStep {

    private CtasStep() {
    }

    public static void run(StepContext ctx) {
        ctx.ensureSchemas();
        ShadowLedger ledger = new ShadowLedger(ctx.warehouse(), ctx.statements());
        requireStaged(ctx);
        for (PlannedModel model : ctx.plan().models()) {
            Timer timer = new Timer();
            Sql ctas = ctx.statements().ctasShadow(model.name(), model.select());
            String file = ctx.warehouse().files().displayOf(ctas);
            try {
                long rows = ctx.warehouse().update(ctas);
                if (rows < 0) {
                    rows = ctx.warehouse().queryLong(ctx.statements().countRows("ctas", model.name(),
                            ctx.statements().modelRelation(model.name(), true)));
                }
                for (String role : readRoles(ctx)) {
                    ctx.warehouse().update(ctx.statements().grantSelect(model.name(), role));
                }
                ledger.built(model.name(), fingerprint(model.select()));
                ctx.report().step(new StepResult("ctas", model.name(), Status.OK, rows, timer.millis(),
                        "-> " + Statements.shadowOf(model.name()), file, ctx.warehouse().lastQueryId()));
            } catch (SessionException e) {
                ctx.report().step(new StepResult("ctas", model.name(), Status.FAILED, -1, timer.millis(),
                        e.reason(), file));
                if (e.kind() == SessionException.Kind.CONFIG) {
                    throw new SessionException(e.kind(), Location.of(model.file().display()), "model '"
                            + model.name() + "' failed to build: " + e.reason(), "fix the model's SELECT; the "
                            + "statement as it ran is in " + file, e);
                }
                throw e;
            }
        }
    }

    private static java.util.List<String> readRoles(StepContext ctx) {
        return ctx.warehouse().dialect().name().equals("snowflake")
                ? ctx.plan().project().descriptor().snowflake().readRoles() : java.util.List.of();
    }

    private static void requireStaged(StepContext ctx) {
        Statements st = ctx.statements();
        for (SourceSpec source : ctx.plan().sources()) {
            if (ctx.warehouse().queryLong(st.tableExists("ctas", source.name(), st.schemas().staging(),
                    source.table())) == 0) {
                throw SessionException.config(source.location(), "source '" + source.name() + "' is not staged ("
                        + st.sourceRelation(source) + " does not exist)", "run session:stage first, or session:test "
                        + "/ session:run, which stage before building");
            }
        }
    }

    static String fingerprint(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
