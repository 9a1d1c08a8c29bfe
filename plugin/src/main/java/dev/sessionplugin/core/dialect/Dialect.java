package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything that differs between engines, in one class per engine: how names are quoted, how to connect, which
 * errors are whose fault, and how a set of shadows is published. Statement text is in {@code templates/<name>/}.
 */
public interface Dialect {

    /** The target's name, also the folder of its statement templates. */
    String name();

    /** An identifier as this engine must see it to match the descriptor's name. */
    String identifier(String name);

    default String relation(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    /** A string literal. */
    default String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    Connection connect() throws SQLException;

    /** Where the data lives, for messages (a file path, an account URL). */
    String describeTarget();

    /** A failed statement as an error the user can act on: whose fault, which file and line, what to do. */
    SessionException translate(SQLException error, Sql statement);

    /** Whether retrying the same statement may succeed (network, throttling, a resuming warehouse). */
    boolean isTransient(SQLException error);

    /** Publishes every shadow under its live name: all or, where the engine cannot, each one atomically. */
    void publish(Warehouse warehouse, Statements statements, List<Publication> publications);

    /** A checked shadow and the live table it replaces. */
    record Publication(String model, String schema, String live, String shadow) {
    }
}
