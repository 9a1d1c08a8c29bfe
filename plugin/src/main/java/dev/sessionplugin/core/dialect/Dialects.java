package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.nio.file.Path;

/** Picks the dialect for a target name. */
public final class Dialects {

    public static final String DUCKDB = "duckdb";

    private Dialects() {
    }

    /** @param databaseFile the embedded target's file, already resolved against the project */
    public static Dialect forTarget(String target, Path databaseFile) {
        if (DUCKDB.equals(target)) {
            return new DuckDbDialect(databaseFile);
        }
        throw SessionException.config(Location.of("session.target"), "unknown target '" + target + "'",
                "use -Dsession.target=duckdb (embedded, the default)");
    }
}
