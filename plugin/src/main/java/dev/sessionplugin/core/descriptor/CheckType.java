package dev.sessionplugin.core.descriptor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The built-in checks: which arguments each takes; the SQL is the dialect's {@code checks/<word>} template. */
public enum CheckType {
    UNIQUE("unique", true, Set.of(), Set.of()),
    NOT_NULL("not_null", true, Set.of(), Set.of()),
    NO_DUPLICATE_ROWS("no_duplicate_rows", false, Set.of(), Set.of()),
    ACCEPTED_VALUES("accepted_values", true, Set.of("values"), Set.of()),
    RELATIONSHIPS("relationships", true, Set.of("to"), Set.of("field")),
    ROW_COUNT("row_count", false, Set.of(), Set.of("min", "max", "within_percent")),
    FRESH("fresh", true, Set.of("max_age"), Set.of());

    private final String word;
    private final boolean needsColumns;
    private final Set<String> required;
    private final Set<String> optional;

    CheckType(String word, boolean needsColumns, Set<String> required, Set<String> optional) {
        this.word = word;
        this.needsColumns = needsColumns;
        this.required = required;
        this.optional = optional;
    }

    public String word() {
        return word;
    }

    public boolean needsColumns() {
        return needsColumns;
    }

    public Set<String> required() {
        return required;
    }

    public Set<String> optional() {
        return optional;
    }

    /** How the check can read only an incremental batch (see {@link BatchScope}). */
    public BatchScope batchScope() {
        if (this == NOT_NULL || this == ACCEPTED_VALUES) {
            return BatchScope.ROWS;
        }
        return this == UNIQUE || this == NO_DUPLICATE_ROWS ? BatchScope.KEYS : BatchScope.WHOLE;
    }

    /** Whether the verdict can change while the data does not: such a check runs on every run. */
    public boolean readsTheClock() {
        return this == FRESH;
    }

    public static Optional<CheckType> of(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(CheckType::word).toList();
    }

    /**
     * How the check can read only an incremental batch when the rest of its subject is published rows that passed
     * it without a failing row: {@code ROWS} judges each row alone (the batch is enough), {@code KEYS} compares rows
     * (the batch and the published rows equal to it: {@code checks/<word>_batch}), {@code WHOLE} needs everything.
     */
    public enum BatchScope {
        ROWS, KEYS, WHOLE
    }
}
