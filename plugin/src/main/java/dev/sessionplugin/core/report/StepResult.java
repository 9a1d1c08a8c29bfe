package dev.sessionplugin.core.report;

/**
 * What one step did to one model or source.
 *
 * @param rows          rows loaded, built or published; -1 when the step has no row count
 * @param statementFile the rendered statement that ran, under {@code target/session/rendered/}
 */
public record StepResult(String step, String subject, Status status, long rows, long millis, String detail,
                         String statementFile, String queryId) {

    public StepResult(String step, String subject, Status status, long rows, long millis, String detail,
                      String statementFile) {
        this(step, subject, status, rows, millis, detail, statementFile, null);
    }

    public enum Status {
        OK, FAILED, SKIPPED
    }
}
