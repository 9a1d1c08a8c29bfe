package dev.sessionplugin.core.snowflake.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Snowflake SQL the plugin sends, as DuckDB runs it: types, functions and the session's context functions. */
final class Translation {

    private Translation() {
    }

    static String toDuckDb(String sql, Session s) {
        String out = sql;
        out = out.replaceAll("(?i)\\bTIMESTAMP_NTZ\\b", "TIMESTAMP");
        out = out.replaceAll("(?i)\\bNUMBER\\b(?!\\s*\\()", "DECIMAL(38, 0)");
        out = out.replaceAll("(?i)\\bCURRENT_TIMESTAMP\\(\\)", "CURRENT_TIMESTAMP");
        // A zero-copy clone holds the same rows; here it is a copy.
        out = out.replaceAll("(?i)(CREATE (?:OR REPLACE )?(?:TRANSIENT )?TABLE \\S+) CLONE (\\S+)", "$1 AS SELECT * FROM $2");
        // A view's grants are not modelled: keeping them across a replace has nothing to keep here.
        out = out.replaceAll("(?i)(CREATE OR REPLACE VIEW \\S+) COPY GRANTS\\b", "$1");
        out = out.replaceAll("(?i)\\bSYSDATE\\(\\)", "(now() AT TIME ZONE 'UTC')");
        out = out.replaceAll("(?i)\\bDATEADD\\(\\s*'?(\\w+)'?\\s*,", "sf_dateadd('$1',");
        // Names in INFORMATION_SCHEMA are upper-case on Snowflake; DuckDB keeps the case they were created with.
        out = out.replaceAll("(?i)\\b(SCHEMA_NAME|TABLE_SCHEMA|TABLE_NAME)\\s*=\\s*UPPER\\(", "UPPER($1) = UPPER(");
        out = context(out, "CURRENT_ACCOUNT", "EMULATED");
        out = context(out, "CURRENT_USER", s.user);
        out = context(out, "CURRENT_ROLE", s.role);
        out = context(out, "CURRENT_WAREHOUSE", s.warehouse);
        out = context(out, "CURRENT_DATABASE", s.database);
        out = context(out, "CURRENT_VERSION", "9.0.0-emulated");
        out = context(out, "CURRENT_SESSION", String.valueOf(s.id));
        return out;
    }

    private static String context(String sql, String function, String value) {
        Matcher m = Pattern.compile("(?i)\\b" + function + "\\(\\)").matcher(sql);
        String literal = value == null ? "CAST(NULL AS VARCHAR)" : "'" + value.replace("'", "''") + "'";
        return m.replaceAll(Matcher.quoteReplacement(literal));
    }
}
