package dev.sessionplugin.core.dialect;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A reader in its own JVM, as Superset would be: one read-only connection on the serving file, kept open, answering
 * "read" with the published table's row count and a checksum, until "exit".
 */
public final class ServingReader {

    static final String QUERY = "SELECT COUNT(*) || ':' || COALESCE(SUM(hash(sessionId, userId, channel, ts)), 0) "
            + "FROM analytics.session_summary";

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], props);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            System.out.println("open");
            for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
                    rs.next();
                    System.out.println(rs.getString(1));
                }
            }
        }
    }
}
