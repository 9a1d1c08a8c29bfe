package dev.sessionplugin.core.descriptor;

import java.util.List;

/**
 * The {@code snowflake:} section of {@code pipeline.yaml}: where to connect and how sources reach the warehouse.
 * No secret lives here; passwords, tokens and key passphrases come from settings.xml or the environment.
 *
 * @param url         a full JDBC URL, overriding the one made from {@code account} (proxies, tests)
 * @param server      the settings.xml {@code <server>} id holding the credentials
 * @param sources     where S3 sources are read on this target when -Dsession.sources is not given
 * @param stageIntegration a storage integration for the external stages; none for a public bucket
 * @param readRoles   roles granted SELECT on each shadow before it is swapped in (grants travel with tables)
 * @param transientTables build shadows TRANSIENT; must match the kind of the live tables
 */
public record SnowflakeSettings(String account, String user, String role, String warehouse, String database,
                                String url, String server, String sources, String stageIntegration,
                                List<String> readRoles, boolean transientTables) {

    public static final SnowflakeSettings NONE = new SnowflakeSettings(null, null, null, null, null, null,
            "snowflake", null, null, List.of(), false);
}
