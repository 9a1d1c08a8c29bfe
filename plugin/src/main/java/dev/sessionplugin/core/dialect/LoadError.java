package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A COPY with {@code ON_ERROR = ABORT_STATEMENT} stops at the first bad row with an error (100xxx) whose message
 * names the file, line, character and column in prose; this reads them back so the user is pointed at the row.
 */
final class LoadError {

    private static final Pattern WHERE = Pattern.compile("File '([^']*)', line (\\d+), character (\\d+)");
    private static final Pattern COLUMN = Pattern.compile("column \"[^\"]*\"\\[\"([^\"]+)\":(\\d+)\\]");

    private LoadError() {
    }

    /** The load error as a data error at {@code file}'s line, or empty when {@code e} is not a row error. */
    static Optional<SessionException> of(SessionException e, String file) {
        if (!(e.getCause() instanceof SQLException sql) || sql.getErrorCode() < 100000 || sql.getErrorCode() > 100999) {
            return Optional.empty();
        }
        String message = String.valueOf(sql.getMessage());
        Matcher where = WHERE.matcher(message);
        if (!where.find()) {
            return Optional.empty();
        }
        Matcher column = COLUMN.matcher(message);
        String what = message.lines().findFirst().orElse(message).strip();
        String at = column.find() ? " (column " + column.group(1) + ", field " + column.group(2) + ", character "
                + where.group(3) + ")" : " (character " + where.group(3) + ")";
        return Optional.of(SessionException.data(Location.of(file, Integer.parseInt(where.group(2))),
                "COPY INTO stopped at a bad row: " + what + at + " [Snowflake error " + sql.getErrorCode() + "]",
                "fix that row of the file (nothing of it was loaded) and run again"));
    }
}
