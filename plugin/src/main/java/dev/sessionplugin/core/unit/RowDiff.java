package dev.sessionplugin.core.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The difference between expected and actual rows, as a person reads it: missing, unexpected, changed values. */
final class RowDiff {

    private RowDiff() {
    }

    /** Empty when the rows match (as multisets, or in order when {@code ordered}). */
    static String of(List<String> columns, List<List<String>> expected, List<List<String>> actual, boolean ordered) {
        List<List<String>> missing = new ArrayList<>();
        List<List<String>> unexpected = new ArrayList<>(actual);
        if (ordered) {
            unexpected.clear();
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                List<String> e = i < expected.size() ? expected.get(i) : null;
                List<String> a = i < actual.size() ? actual.get(i) : null;
                if (!Objects.equals(e, a)) {
                    if (e != null) {
                        missing.add(e);
                    }
                    if (a != null) {
                        unexpected.add(a);
                    }
                }
            }
        } else {
            for (List<String> e : expected) {
                if (!unexpected.remove(e)) {
                    missing.add(e);
                }
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(missing.size() + " missing, " + unexpected.size() + " unexpected ("
                + expected.size() + " expected, " + actual.size() + " returned)");
        for (List<String> m : List.copyOf(missing)) {
            List<String> twin = unexpected.stream().filter(u -> Objects.equals(u.get(0), m.get(0))).findFirst()
                    .orElse(null);
            if (twin != null) { // same first column: one row whose other values changed
                missing.remove(m);
                unexpected.remove(twin);
                text.append("\n    changed ").append(columns.get(0)).append('=').append(m.get(0)).append(':');
                for (int i = 1; i < columns.size(); i++) {
                    if (!Objects.equals(m.get(i), twin.get(i))) {
                        text.append(' ').append(columns.get(i)).append(" expected ").append(m.get(i))
                                .append(", got ").append(twin.get(i)).append(';');
                    }
                }
            }
        }
        missing.forEach(m -> text.append("\n    missing    ").append(row(columns, m)));
        unexpected.forEach(u -> text.append("\n    unexpected ").append(row(columns, u)));
        return text.toString();
    }

    private static String row(List<String> columns, List<String> values) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cells.add(columns.get(i) + ": " + values.get(i));
        }
        return "{" + String.join(", ", cells) + "}";
    }
}
