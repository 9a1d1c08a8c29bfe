package dev.sessionplugin.core.descriptor;

import java.util.List;
import java.util.Locale;

/**
 * How a model is kept in the warehouse ({@code materialized:} and its settings). Every kind is built as a shadow,
 * checked, and published with the rest, except {@code ephemeral}, which is inlined into the models that read it.
 *
 * @param uniqueKey columns identifying a row: what {@code merge} and {@code delete+insert} replace, and a snapshot's
 *                  entity
 * @param updatedAt snapshot: the column that says when a row last changed (the {@code timestamp} strategy)
 * @param checkCols snapshot: the columns whose change starts a new version (the {@code check} strategy)
 */
public record Materialized(Kind kind, Strategy strategy, List<String> uniqueKey, String updatedAt,
                           List<String> checkCols) {

    public static final Materialized TABLE = new Materialized(Kind.TABLE, null, List.of(), null, List.of());

    public enum Kind {
        TABLE, VIEW, EPHEMERAL, INCREMENTAL, SNAPSHOT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the build starts from the published table and so may read {@code {{this}}}. */
        public boolean keepsHistory() {
            return this == INCREMENTAL || this == SNAPSHOT;
        }
    }

    /** How an incremental model's new batch is applied to the copy of its published table. */
    public enum Strategy {
        APPEND("append"), MERGE("merge"), DELETE_INSERT("delete+insert");

        private final String word;

        Strategy(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** The template of the statement that applies a batch: {@code incremental_merge} and so on. */
        public String template() {
            return "incremental_" + name().toLowerCase(Locale.ROOT);
        }
    }

    public static Materialized of(Kind kind) {
        return new Materialized(kind, kind == Kind.INCREMENTAL ? Strategy.APPEND : null, List.of(), null, List.of());
    }

    /** What changes how rows end up in the table: part of a model's definition, so a change means a full rebuild. */
    /** For people: {@code incremental (delete+insert on day, channel)}, {@code snapshot (on id, by updated_at)}. */
    public String label() {
        List<String> parts = new java.util.ArrayList<>();
        if (strategy != null) {
            parts.add(strategy.word());
        }
        if (!uniqueKey.isEmpty()) {
            parts.add("on " + String.join(", ", uniqueKey));
        }
        if (updatedAt != null) {
            parts.add("by " + updatedAt);
        }
        if (!checkCols.isEmpty()) {
            parts.add("comparing " + String.join(", ", checkCols));
        }
        return kind.word() + (parts.isEmpty() ? "" : " (" + String.join(" ", parts) + ")");
    }

    public String describe() {
        return kind.word() + (strategy == null ? "" : "/" + strategy.word()) + "/key=" + uniqueKey + "/updated="
                + updatedAt + "/check=" + checkCols;
    }
}
