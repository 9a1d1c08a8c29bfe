package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.warehouse.Warehouse;

/**
 * What every step works with: the plan, where statements run, how they are written, where results go, and how
 * many models may be built at once.
 */
public record StepContext(Plan plan, Warehouse warehouse, Statements statements, RunReport report, int threads) {

    public StepContext withPlan(Plan other) {
        return new StepContext(other, warehouse, statements, report, threads);
    }

    /** Creates the schemas a step writes to; idempotent, so any goal can start from an empty warehouse. */
    public void ensureSchemas() {
        var schemas = statements.schemas();
        for (String schema : new String[] {schemas.staging(), schemas.published(), schemas.audit(), schemas.meta()}) {
            warehouse.update(statements.createSchema("setup", schema));
        }
        warehouse.update(statements.ledger("ledger_create", "shadows", java.util.Map.of()));
        new Fingerprints(warehouse, statements).recorded(Fingerprints.SOURCE);
    }
}
