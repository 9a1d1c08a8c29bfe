package dev.sessionplugin.core.warehouse;

/**
 * One rendered statement and what it is for: the step, the model or source it serves, and its name (the
 * template's, or a check's). Its file under {@code target/session/rendered/} is named after these, so a run and
 * {@code session:render} write the same files.
 */
public record Sql(String step, String subject, String name, String text) {

    public Sql named(String newName) {
        return new Sql(step, subject, newName, text);
    }

    public String relativePath() {
        return step + "/" + subject + "." + name.replace('/', '.') + ".sql";
    }
}
