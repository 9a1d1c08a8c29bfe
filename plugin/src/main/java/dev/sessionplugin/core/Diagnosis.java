package dev.sessionplugin.core;

import dev.sessionplugin.core.Pipeline.Setup;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.JdbcWarehouse;
import dev.sessionplugin.core.warehouse.RenderedFiles;
import dev.sessionplugin.core.warehouse.Retry;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code session:debug}: checks the descriptor, the templates, the credentials and the connection (database,
 * warehouse, role, schemas) one by one and says what is wrong, without loading or building anything.
 */
public final class Diagnosis {

    private final List<String> lines = new ArrayList<>();
    private int failed;

    private Diagnosis() {
    }

    /** One line per check, OK or FAILED with the fix; throws after the last line when any failed. */
    public static List<String> run(RunRequest request) {
        Diagnosis d = new Diagnosis();
        Setup setup = d.check("descriptor and templates", () -> {
            Setup s = Pipeline.setup(request);
            return s;
        }, s -> s.project().descriptor().file() + ": " + s.plan().sources().size() + " source(s), "
                + s.plan().models().size() + " model(s) rendered in dependency order, " + s.plan().checks().size()
                + " custom check(s)");
        if (setup == null) {
            return d.finish();
        }
        d.lines.add("OK      target " + setup.dialect().name() + ": " + setup.dialect().describeTarget());
        String credentials = setup.dialect().describeCredentials();
        if (credentials != null) {
            d.lines.add("OK      credentials: " + credentials);
        }
        Statements st = setup.statements();
        RenderedFiles files = new RenderedFiles(request.buildDir().resolve("session").resolve("debug"), "debug");
        Warehouse warehouse = d.check("connection", () -> JdbcWarehouse.open(setup.dialect(), files,
                new Retry(1, 0, line -> { })), w -> "connected to " + setup.dialect().describeTarget());
        if (warehouse == null) {
            return d.finish();
        }
        try (warehouse) {
            d.check("session", () -> warehouse.queryRows(st.sql("debug", "session", "whoami", Map.of()), 1),
                    rows -> describe(rows, d));
            var schemas = st.schemas();
            for (String schema : List.of(schemas.staging(), schemas.published(), schemas.audit(), schemas.meta())) {
                d.check("schema " + schema, () -> warehouse.queryLong(st.sql("debug", schema, "schema_exists",
                        Map.of("schema_name", st.dialect().literal(schema)))), n -> n > 0 ? "exists"
                        : "missing: the first run creates it (which needs CREATE SCHEMA on the database)");
            }
        }
        return d.finish();
    }

    private static String describe(List<Map<String, Object>> rows, Diagnosis d) {
        if (rows.isEmpty()) {
            return "no answer";
        }
        StringBuilder text = new StringBuilder();
        rows.get(0).forEach((key, value) -> {
            text.append(text.length() == 0 ? "" : ", ").append(key.toLowerCase(java.util.Locale.ROOT)).append('=')
                    .append(value);
            if (value == null && (key.equalsIgnoreCase("warehouse_name") || key.equalsIgnoreCase("database_name"))) {
                d.failed++;
                d.lines.add("FAILED  session: no " + key.toLowerCase(java.util.Locale.ROOT).replace("_name", "")
                        + " in use after login: name one in pipeline.yaml (snowflake.warehouse / snowflake.database) "
                        + "that the role may use");
            }
        });
        return text.toString();
    }

    private <T> T check(String what, Supplier<T> work, java.util.function.Function<T, String> ok) {
        try {
            T result = work.get();
            lines.add("OK      " + what + ": " + ok.apply(result));
            return result;
        } catch (SessionException e) {
            failed++;
            lines.add("FAILED  " + what + ": " + e.getMessage().replace("\n", "\n        "));
            return null;
        }
    }

    private List<String> finish() {
        if (failed > 0) {
            throw new SessionException(SessionException.Kind.CONFIG, null, String.join("\n", lines) + "\n" + failed
                    + " problem(s) found", "fix the lines marked FAILED, then run session:debug again", null);
        }
        lines.add("everything checked is in order");
        return lines;
    }
}
