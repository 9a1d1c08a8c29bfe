package dev.sessionplugin.core.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SnowflakeSettings;

import java.net.UnknownHostException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** How Snowflake driver errors become messages a user can act on. */
class SnowflakeErrorsTest {

    static SnowflakeDialect dialect() {
        return new SnowflakeDialect(new SnowflakeSettings("myorg-myacount", "U", null, null, "DB", null, "snowflake",
                null, null, java.util.List.of(), true), null, "p", null);
    }

    @Test
    void anUnknownHostIsAConfigurationErrorNamingTheHostAndTheAccountForm() {
        SQLException error = new SQLException("JDBC driver encountered communication error. Message: "
                + "myorg-myacount.snowflakecomputing.com", "08001", 200015,
                new UnknownHostException("myorg-myacount.snowflakecomputing.com: Name or service not known"));
        SnowflakeDialect d = dialect();
        assertFalse(d.isTransient(error), "not retried: it cannot heal");
        SessionException e = d.translate(error, null);
        assertEquals(SessionException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("cannot resolve the Snowflake host myorg-myacount.snowflakecomputing.com"),
                e.getMessage());
        assertTrue(e.hint().contains("<orgname>-<account_name>"), e.hint());
    }

    @Test
    void aNetworkErrorStaysTransient() {
        assertTrue(dialect().isTransient(new SQLException("connection reset", "08001", 200015)));
    }
}
