package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.regex.Pattern;

/**
 * What the descriptor accepts as names and types. Only plain identifiers pass, so nothing from the descriptor can
 * change the shape of a statement; the dialect still quotes them.
 */
public final class Names {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}");
    private static final Pattern TYPE = Pattern.compile(
            "[A-Za-z][A-Za-z0-9_]*(\\s+[A-Za-z][A-Za-z0-9_]*)*(\\s*\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");

    private Names() {
    }

    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    public static String identifier(String name, Location location, String what) {
        if (!isIdentifier(name)) {
            throw SessionException.config(location, "invalid " + what + " '" + name + "'",
                    "use letters, digits and '_' only, starting with a letter or '_' (at most 127 characters)");
        }
        return name;
    }

    public static String type(String type, Location location, String column) {
        if (type != null && type.contains("(") && !type.contains(")")) {
            throw SessionException.config(location, "invalid type '" + type + "' for column '" + column + "': in a "
                    + "YAML flow mapping {...} a comma ends the value, so DECIMAL(10,2) was cut at its comma",
                    "quote the type, {" + column + ": \"" + type.trim() + ",2)\"}, or write the columns in block "
                            + "style, one per line:  " + column + ": DECIMAL(10,2)");
        }
        if (type == null || !TYPE.matcher(type.trim()).matches()) {
            throw SessionException.config(location, "invalid type '" + type + "' for column '" + column + "'",
                    "write an engine type such as VARCHAR, BIGINT, TIMESTAMP or \"DECIMAL(18,2)\" (quoted inside "
                            + "{...})");
        }
        return type.trim();
    }
}
