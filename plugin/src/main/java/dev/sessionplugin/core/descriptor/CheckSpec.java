package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;

import java.util.List;
import java.util.Map;

/**
 * One declared data check. Its SQL comes from the dialect's {@code checks/<type>.sql.mustache}, or from the
 * project's {@code checks/<name>.sql.mustache} for custom checks; either returns the failing rows.
 *
 * @param params the type's own arguments (e.g. {@code values}, {@code min}), as strings or lists of strings
 */
public record CheckSpec(String name, String type, List<String> columns, Map<String, Object> params,
                        Severity severity, Threshold errorIf, Threshold warnIf, Location location) {

    /** Custom checks are SQL files; their type is this word and their name the file's name. */
    public static final String CUSTOM = "custom";

    /** The status for a failing-row count under this check's severity and thresholds. */
    public CheckStatus judge(long failing) {
        if (severity == Severity.ERROR && errorIf.matches(failing)) {
            return CheckStatus.FAILED;
        }
        return warnIf.matches(failing) ? CheckStatus.WARNED : CheckStatus.PASSED;
    }

    /** Whether one failing row fails the run: then a check that passed had none. */
    public boolean refusesAnyFailingRow() {
        return severity == Severity.ERROR && errorIf.matches(1) && !errorIf.matches(0)
                && List.of(">", ">=", "!=").contains(errorIf.operator()); // and so every count above 1 too
    }

    public enum CheckStatus {
        PASSED, WARNED, FAILED
    }
}
