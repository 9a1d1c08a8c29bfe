package dev.sessionplugin.core.snowflake.emulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One login: its own engine connection (so its open transaction is invisible to others until COMMIT), its role,
 * warehouse and database, session parameters, and the tables its open transaction holds locked.
 */
final class Session {

    final long id;
    final String token;
    final String user;
    final String role;
    final String warehouse;
    final String database;
    final Connection engine;
    final Map<String, String> parameters = new ConcurrentHashMap<>();
    final Set<String> locked = new LinkedHashSet<>();
    volatile boolean autocommit = true;
    volatile boolean inTransaction;
    volatile boolean expired;
    volatile boolean aborted;

    Session(long id, String token, String user, String role, String warehouse, String database, Connection engine) {
        this.id = id;
        this.token = token;
        this.user = user;
        this.role = role;
        this.warehouse = warehouse;
        this.database = database;
        this.engine = engine;
    }

    long lockTimeoutSeconds() {
        return Long.parseLong(parameters.getOrDefault("LOCK_TIMEOUT", "43200"));
    }

    void begin() throws SQLException {
        if (!inTransaction) {
            run("BEGIN TRANSACTION");
            inTransaction = true;
        }
    }

    /** Ends the open transaction, if any, releasing its locks. */
    void end(boolean commit) throws SQLException {
        if (inTransaction) {
            inTransaction = false;
            try {
                run(commit ? "COMMIT" : "ROLLBACK");
            } finally {
                synchronized (locked) {
                    locked.clear();
                }
            }
        }
    }

    void run(String sql) throws SQLException {
        try (Statement s = engine.createStatement()) {
            s.execute(sql);
        }
    }
}
