package dev.sessionplugin.core.warehouse;

/**
 * One rendered statement and what it is for: the step, the model or source it serves, and its name (the
 * template's, or a check's). Its file under {@code target/session/rendered/} is named after these, so a run and
 * {@code session:render} write the same files.
 *
 * @param runsOnce whether the statement must not be repeated blindly after a transient error (see {@link #once()})
 */
public record Sql(String step, String subject, String name, String text, boolean runsOnce) {

    public Sql(String step, String subject, String name, String text) {
        this(step, subject, name, text, false);
    }

    public Sql named(String newName) {
        return new Sql(step, subject, newName, text, runsOnce);
    }

    /**
     * Not idempotent (a SWAP, a RENAME): never sent again blindly. When its answer is lost to a transient error,
     * the caller learns that it may or may not have run ({@link AmbiguousOutcome}) and looks before it retries.
     */
    public Sql once() {
        return new Sql(step, subject, name, text, true);
    }

    public String relativePath() {
        return step + "/" + subject + "." + name.replace('/', '.') + ".sql";
    }
}
