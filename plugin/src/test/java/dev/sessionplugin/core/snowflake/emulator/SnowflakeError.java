package dev.sessionplugin.core.snowflake.emulator;

/** An error as Snowflake reports it: a six-digit code, an SQLSTATE and a message. */
public final class SnowflakeError extends RuntimeException {

    final String code;
    final String sqlState;

    public SnowflakeError(String code, String sqlState, String message) {
        super(message);
        this.code = code;
        this.sqlState = sqlState;
    }

    static SnowflakeError doesNotExist(String object) {
        return new SnowflakeError("002003", "42S02", "SQL compilation error:\nObject '" + object
                + "' does not exist or not authorized.");
    }

    static SnowflakeError alreadyExists(String object) {
        return new SnowflakeError("002002", "42710", "SQL compilation error:\nObject '" + object
                + "' already exists.");
    }

    static SnowflakeError insufficientPrivileges(String what) {
        return new SnowflakeError("003001", "42501", "SQL access control error:\nInsufficient privileges to operate on "
                + what);
    }

    static SnowflakeError noWarehouse() {
        return new SnowflakeError("000606", "57P03", "No active warehouse selected in the current session.  Select an "
                + "active warehouse with the 'use warehouse' command.");
    }

    static SnowflakeError noDatabase(String operation) {
        return new SnowflakeError("090105", "22000", "Cannot perform " + operation + ". This session does not have a "
                + "current database. Call 'USE DATABASE', or use a qualified name.");
    }

    static SnowflakeError lockTimeout(String table) {
        return new SnowflakeError("000625", "57014", "Statement was aborted because it waited too long for the lock on "
                + "table '" + table + "' held by another transaction (LOCK_TIMEOUT).");
    }

    /** An engine message turned into the Snowflake error a real account gives for the same mistake. */
    static SnowflakeError fromEngine(java.sql.SQLException e) {
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher missing = java.util.regex.Pattern.compile(
                "(?:Table|Schema) with name (\\S+) does not exist").matcher(m);
        if (missing.find()) {
            return doesNotExist(missing.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        java.util.regex.Matcher exists = java.util.regex.Pattern.compile(
                "(?:Table|Schema) with name \"?(\\S+?)\"? already exists").matcher(m);
        if (exists.find()) {
            return alreadyExists(exists.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        java.util.regex.Matcher column = java.util.regex.Pattern.compile(
                "Referenced column \"?([^\" ]+)\"? not found").matcher(m);
        if (column.find()) {
            return new SnowflakeError("000904", "42000", "SQL compilation error: error line 1 at position 0\n"
                    + "invalid identifier '" + column.group(1).toUpperCase(java.util.Locale.ROOT) + "'");
        }
        if (m.startsWith("Parser Error")) {
            return new SnowflakeError("001003", "42000", "SQL compilation error:\nsyntax error: " + m);
        }
        if (m.startsWith("Conversion Error") || m.startsWith("Invalid Input Error")) {
            return new SnowflakeError("100038", "22018", m);
        }
        return new SnowflakeError("002140", "42601", "SQL compilation error:\n" + m);
    }
}
