package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A condition on a check's failing-row count, written like {@code ">100"} or {@code ">= 1"}. */
public record Threshold(String operator, long value) {

    public static final Threshold ANY = new Threshold(">", 0);

    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|!=|>|<|=)\\s*(\\d[\\d_]*)\\s*");

    public static Threshold parse(String text, Location location) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw SessionException.config(location, "bad threshold '" + text + "'",
                    "write an operator and a whole number, e.g. \">0\", \">=10\" or \"!=0\" (quote it in YAML)");
        }
        return new Threshold(m.group(1), Long.parseLong(m.group(2).replace("_", "")));
    }

    public boolean matches(long count) {
        return switch (operator) {
            case ">" -> count > value;
            case ">=" -> count >= value;
            case "<" -> count < value;
            case "<=" -> count <= value;
            case "=" -> count == value;
            default -> count != value;
        };
    }

    @Override
    public String toString() {
        return operator + value;
    }
}
