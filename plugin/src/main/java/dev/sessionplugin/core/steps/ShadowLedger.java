package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table in the target remembering, per model, that a shadow was built and whether every check passed on it
 * since. A build forgets the verdict before it starts, so {@code session:swap} publishes only shadows checked after
 * they were built, whoever ran the earlier goals. Each method is one statement per {@link Statements#BATCH_ROWS}
 * models: the bookkeeping of a step costs about as much for a thousand models as for one.
 */
final class ShadowLedger {

    private final Warehouse warehouse;
    private final Statements statements;

    ShadowLedger(Warehouse warehouse, Statements statements) {
        this.warehouse = warehouse;
        this.statements = statements;
    }

    /** @param fingerprints per model, what its shadow was built from; a null value when that cannot be known */
    void built(Map<String, String> fingerprints) {
        int n = 0;
        for (List<String> batch : Statements.batches(fingerprints.keySet())) {
            List<Map<String, Object>> rows = batch.stream().map(model -> Map.<String, Object>of(
                    "model", literal(model), "fingerprint", fingerprints.get(model) == null ? "NULL"
                            : literal(fingerprints.get(model)))).toList();
            warehouse.update(statements.ledger("ledger_built", Map.of("rows", Statements.rows(rows)))
                    .named(Statements.batchName("ledger_built", n++)));
        }
    }

    /** Per model whose checks all passed since it was built, what it was built from (a null value: unknown). */
    Map<String, String> passed() {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> row : warehouse.queryRows(statements.ledger("ledger_passed", Map.of()),
                Integer.MAX_VALUE)) {
            Object fingerprint = Warehouse.value(row, "fingerprint");
            out.put(String.valueOf(Warehouse.value(row, "model")), fingerprint == null ? null
                    : String.valueOf(fingerprint));
        }
        return out;
    }

    void checked(Collection<String> models, boolean passed) {
        eachBatch("ledger_checked", models, Map.of("passed", passed ? "TRUE" : "FALSE"));
    }

    void forget(Collection<String> models) {
        eachBatch("ledger_forget", models, Map.of());
    }

    private void eachBatch(String template, Collection<String> models, Map<String, Object> values) {
        int n = 0;
        for (List<String> batch : Statements.batches(models)) {
            Map<String, Object> context = new HashMap<>(values);
            context.put("models", Statements.listed(batch.stream().map(this::literal).toList(), "model"));
            warehouse.update(statements.ledger(template, context).named(Statements.batchName(template, n++)));
        }
    }

    private String literal(String value) {
        return statements.dialect().literal(value);
    }
}
