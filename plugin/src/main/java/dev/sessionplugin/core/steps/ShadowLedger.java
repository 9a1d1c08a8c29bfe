package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.List;
import java.util.Map;

/**
 * A table in the target remembering, per model, that a shadow was built and whether every check passed on it
 * since. Building resets the verdict, so {@code session:swap} publishes only shadows checked after they were built,
 * whoever ran the earlier goals.
 */
final class ShadowLedger {

    private final Warehouse warehouse;
    private final Statements statements;

    ShadowLedger(Warehouse warehouse, Statements statements) {
        this.warehouse = warehouse;
        this.statements = statements;
    }

    /** @param fingerprint what the shadow was built from; null when that cannot be known */
    void built(String model, String fingerprint) {
        warehouse.update(statements.ledger("ledger_built", model,
                Map.of("fingerprint", fingerprint == null ? "NULL" : statements.dialect().literal(fingerprint))));
    }

    /** The fingerprint the checked shadow was built from, or null. */
    String fingerprint(String model) {
        List<Map<String, Object>> rows = warehouse.queryRows(statements.ledger("ledger_fingerprint", model, Map.of()), 1);
        Object value = rows.isEmpty() ? null : Warehouse.value(rows.get(0), "fingerprint");
        return value == null ? null : String.valueOf(value);
    }

    void checked(String model, boolean passed) {
        warehouse.update(statements.ledger("ledger_checked", model, Map.of("passed", passed ? "TRUE" : "FALSE")));
    }

    boolean publishable(String model) {
        return warehouse.queryLong(statements.ledger("ledger_publishable", model, Map.of())) > 0;
    }

    void forget(String model) {
        warehouse.update(statements.ledger("ledger_forget", model, Map.of()));
    }
}
