package dev.sessionplugin.core.report;

import dev.sessionplugin.core.descriptor.CheckSpec.CheckStatus;
import dev.sessionplugin.core.descriptor.Severity;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one data check on one model or source.
 *
 * @param failing    how many rows the check returned
 * @param sample     the first few failing rows, column by column
 * @param auditTable where all failing rows were kept, for queries after the run
 */
public record CheckResult(String subject, String name, String type, Severity severity, CheckStatus status,
                          long failing, List<Map<String, Object>> sample, String auditTable, long millis,
                          String statementFile) {

    /** One line naming the check, the model and a few offending rows. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("check ").append(name).append(" on ").append(subject).append(": ").append(failing)
                .append(failing == 1 ? " failing row" : " failing rows");
        if (!sample.isEmpty()) {
            text.append(", e.g. ");
            for (int i = 0; i < sample.size(); i++) {
                text.append(i == 0 ? "" : "; ").append(sample.get(i));
            }
        }
        return text.toString();
    }
}
