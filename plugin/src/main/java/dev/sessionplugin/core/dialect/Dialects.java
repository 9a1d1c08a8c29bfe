package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import dev.sessionplugin.core.descriptor.Project;

/** Picks the dialect for a target name. */
public final class Dialects {

    public static final String DUCKDB = "duckdb";

    private Dialects() {
    }

    /** @param buildDir where local state (the run lock) lives for remote targets */
    public static Dialect forTarget(String target, Project project, CredentialSource credentials,
                                     java.nio.file.Path buildDir) {
        if (DUCKDB.equals(target)) {
            var duckdb = project.descriptor().duckdb();
            return new DuckDbDialect(project.dir().resolve(duckdb.path()), project.dir().resolve(duckdb.serving()));
        }
        if (SnowflakeDialect.NAME.equals(target)) {
            var settings = project.descriptor().snowflake();
            return new SnowflakeDialect(settings, credentials.forServer(settings.server()), project.descriptor().project(),
                    buildDir.resolve("session").resolve("snowflake.lock"));
        }
        throw SessionException.config(Location.of("session.target"), "unknown target '" + target + "'",
                "use -Dsession.target=duckdb (embedded, the default) or -Dsession.target=snowflake");
    }
}
