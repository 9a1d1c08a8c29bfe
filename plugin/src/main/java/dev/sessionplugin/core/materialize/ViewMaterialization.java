package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.dialect.Statements;

import java.util.Map;

/**
 * {@code view}: a shadow view over the shadows of this run, so the checks see exactly what will be published; the
 * publish re-creates it under its live name over the published tables. Its rows are not counted (that would run
 * it).
 */
final class ViewMaterialization implements Materialization {

    @Override
    public Built build(Build b) {
        var sql = b.sql("view_shadow", Map.of("select", b.model().select()));
        b.createShadow(sql, Build.Published.TABLE);
        return new Built(-1, "-> " + Statements.shadowOf(b.model().name()) + " (view)",
                b.warehouse().files().displayOf(sql), b.warehouse().lastQueryId());
    }
}
