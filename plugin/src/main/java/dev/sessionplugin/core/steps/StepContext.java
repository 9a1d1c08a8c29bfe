package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.warehouse.Warehouse;

/**
 * What every step works with: the plan, where statements run, how they are written, where results go, and how
 * many models may be built at once.
 */
public record StepContext(Plan plan, Warehouse warehouse, Statements statements, RunReport report, int threads,
                          boolean full, java.util.Set<String> ready) {

    /** @param full build every model from nothing, even those that could add to their published table */
    public StepContext(Plan plan, Warehouse warehouse, Statements statements, RunReport report, int threads,
                       boolean full) {
        this(plan, warehouse, statements, report, threads, full, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    public StepContext withPlan(Plan other) {
        return new StepContext(other, warehouse, statements, report, threads, full, ready);
    }

    /**
     * Creates the schemas and bookkeeping tables a step writes to, once per run, so any goal can start from an
     * empty warehouse. A schema is looked up first and created only when missing: a least-privilege role that
     * owns pre-created schemas needs no CREATE SCHEMA on the database.
     */
    public void ensureSchemas() {
        if (!ready.add("schemas")) {
            return;
        }
        var schemas = statements.schemas();
        java.util.Set<String> all = new java.util.LinkedHashSet<>(java.util.List.of(schemas.staging()));
        all.addAll(statements.publishedSchemas());
        all.addAll(java.util.List.of(schemas.audit(), schemas.meta()));
        for (String schema : all) {
            statements.ensureSchema(warehouse, "setup", schema);
        }
        warehouse.update(statements.ledger("ledger_create", java.util.Map.of()));
        new Fingerprints(warehouse, statements).recorded(Fingerprints.SOURCE);
    }
}
