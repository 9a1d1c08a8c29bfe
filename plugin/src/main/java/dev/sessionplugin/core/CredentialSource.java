package dev.sessionplugin.core;

import java.util.Map;

/**
 * Where warehouse secrets come from, asked by the settings.xml server id the descriptor names. The Maven adapter
 * answers from settings.xml (decrypted) and then the environment; the core never reads settings.xml itself.
 */
@FunctionalInterface
public interface CredentialSource {

    Credentials forServer(String serverId);

    /** SNOWFLAKE_USER, SNOWFLAKE_PASSWORD, SNOWFLAKE_TOKEN, SNOWFLAKE_PRIVATE_KEY_FILE, SNOWFLAKE_PRIVATE_KEY_PASSPHRASE. */
    static CredentialSource environment(Map<String, String> env) {
        return serverId -> new Credentials(env.get("SNOWFLAKE_USER"), env.get("SNOWFLAKE_PASSWORD"),
                env.get("SNOWFLAKE_PRIVATE_KEY_FILE"), env.get("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"),
                env.get("SNOWFLAKE_TOKEN"));
    }

    /** This source's answer where it has one, field by field, else {@code fallback}'s. */
    default CredentialSource orElse(CredentialSource fallback) {
        return serverId -> {
            Credentials a = forServer(serverId);
            Credentials b = fallback.forServer(serverId);
            return new Credentials(first(a.user(), b.user()), first(a.password(), b.password()),
                    first(a.privateKeyFile(), b.privateKeyFile()),
                    first(a.privateKeyPassphrase(), b.privateKeyPassphrase()), first(a.token(), b.token()));
        };
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
