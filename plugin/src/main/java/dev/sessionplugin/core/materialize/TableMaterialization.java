package dev.sessionplugin.core.materialize;

import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.warehouse.Sql;

/** {@code table}, the default: the whole SELECT into a new shadow table, every time. */
final class TableMaterialization implements Materialization {

    @Override
    public Built build(Build b) {
        return ctas(b, b.model().select(), "");
    }

    /** The SELECT into the shadow; engines that treat CTAS as DDL (Snowflake) answer no row count, so count. */
    static Built ctas(Build b, String select, String why) {
        Sql ctas = b.statements().ctasShadow(b.model().name(), select);
        long rows = b.createShadow(ctas, Build.Published.VIEW);
        String queryId = b.warehouse().lastQueryId();
        if (rows <= 0) {
            rows = b.count(b.shadow());
        }
        return new Built(rows, "-> " + Statements.shadowOf(b.model().name()) + why,
                b.warehouse().files().displayOf(ctas), queryId);
    }
}
