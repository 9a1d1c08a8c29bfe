package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import dev.sessionplugin.core.descriptor.Project;

/** Picks the dialect for a target name. */
public final class Dialects {

    public static final String DUCKDB = "duckdb";

    private Dialects() {
    }

    public static Dialect forTarget(String target, Project project) {
        if (DUCKDB.equals(target)) {
            var duckdb = project.descriptor().duckdb();
            return new DuckDbDialect(project.dir().resolve(duckdb.path()), project.dir().resolve(duckdb.serving()));
        }
        throw SessionException.config(Location.of("session.target"), "unknown target '" + target + "'",
                "use -Dsession.target=duckdb (embedded, the default)");
    }
}
