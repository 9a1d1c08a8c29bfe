package dev.sessionplugin.core.snowflake.emulator;

import static dev.sessionplugin.core.snowflake.emulator.Account.key;
import static dev.sessionplugin.core.snowflake.emulator.Account.match;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Runs one Snowflake statement in a session with Snowflake's semantics for the statements the plugin sends:
 * DDL commits an open transaction and answers with the DDL statement type; SWAP, RENAME, DROP and UNDROP move the
 * object with its metadata; CREATE SCHEMA needs the privilege even when the schema exists; statements that compute
 * need a warehouse; writes wait for other transactions' locks. The rest is translated to DuckDB and run there.
 */
final class Interpreter {

    private final Account account;
    private final StageReader stages;

    Interpreter(Account account) {
        this.account = account;
        this.stages = new StageReader(account);
    }

    Result execute(Session s, String sql) {
        String body = stripComments(sql).trim().replaceAll(";\\s*$", "");
        try {
            return dispatch(s, body);
        } catch (SQLException e) {
            throw SnowflakeError.fromEngine(e);
        }
    }

    private Result dispatch(Session s, String body) throws SQLException {
        Matcher m;
        if ((m = match("ALTER SESSION SET (\\w+)\\s*=\\s*'?([^']*?)'?", body)) != null) {
            String name = m.group(1).toUpperCase(Locale.ROOT);
            s.parameters.put(name, m.group(2));
            if (name.equals("AUTOCOMMIT")) {
                s.autocommit = Boolean.parseBoolean(m.group(2));
                if (s.autocommit) {
                    s.end(true);
                }
            }
            return Result.status("Statement executed successfully.", Result.ALTER_SESSION);
        }
        if (match("(BEGIN|START)( TRANSACTION)?( NAME \\w+)?", body) != null) {
            s.begin();
            return Result.status("Statement executed successfully.", Result.TCL);
        }
        if (match("(COMMIT|ROLLBACK)( WORK)?", body) != null) {
            s.end(body.toUpperCase(Locale.ROOT).startsWith("COMMIT"));
            return Result.status("Statement executed successfully.", Result.TCL);
        }
        if ((m = match("SELECT SYSTEM\\$ABORT_SESSION\\((\\d+)\\)", body)) != null) {
            account.abort(Long.parseLong(m.group(1)));
            return Result.rows(Result.columns("SYSTEM$ABORT_SESSION", "text"), List.of(List.of("Session aborted")));
        }
        if (match("SELECT (CURRENT_\\w+\\(\\)( AS \\w+)?\\s*,?\\s*)+", body) != null) {
            return account.engine(s, Translation.toDuckDb(body, s), Result.SELECT);
        }
        if ((m = match("CREATE (OR REPLACE )?STAGE (IF NOT EXISTS )?(\\S+)\\s+URL = '([^']*)'.*", body)) != null) {
            Matcher st = m;
            return ddl(s, () -> {
                if (st.group(2) == null || !account.stages.containsKey(key(st.group(3)))) {
                    account.stages.put(key(st.group(3)), st.group(4)); // IF NOT EXISTS keeps the first URL
                }
            });
        }
        if ((m = match("CREATE (OR REPLACE )?STAGE (IF NOT EXISTS )?([\\w.]+)\\s*", body)) != null) {
            Matcher st = m;
            return ddl(s, () -> {
                String stage = key(st.group(3));
                if (st.group(2) == null || !account.stages.containsKey(stage)) {
                    account.stages.put(stage, Account.internalUrl(stage));
                    if (st.group(1) != null) { // replaced: the files uploaded to the old one are gone
                        deleteTree(account.internal.resolve(stage));
                    }
                }
            });
        }
        if ((m = match("CREATE (OR REPLACE )?FILE FORMAT (IF NOT EXISTS )?(\\S+)\\s+(.*)", body)) != null) {
            Matcher f = m;
            return ddl(s, () -> account.fileFormats.put(key(f.group(3)), f.group(4)));
        }
        if (match("LIST .*", body) != null) {
            return stages.list(body);
        }
        if (match("COPY INTO .*", body) != null) {
            requireWarehouse(s);
            return stages.copy(s, body);
        }
        if (match("SELECT\\s.*\\sFROM\\s+'?@.*", body) != null) {
            requireWarehouse(s);
            return stages.selectFromStage(body);
        }
        if ((m = match("CREATE SCHEMA (IF NOT EXISTS )?(\\w+)", body)) != null) {
            if (s.database == null) {
                throw SnowflakeError.noDatabase("CREATE SCHEMA");
            }
            if (account.rolesWithoutCreateSchema.contains(s.role)) {
                throw SnowflakeError.insufficientPrivileges("database '" + s.database + "'");
            }
            String schema = m.group(2);
            return ddlEngine(s, "CREATE SCHEMA " + (m.group(1) == null ? "" : "IF NOT EXISTS ") + schema);
        }
        if ((m = match("GRANT (.+?) ON (TABLE|SCHEMA) (\\S+) TO ROLE (\\S+)", body)) != null) {
            return grant(s, m.group(1), m.group(2), m.group(3), m.group(4));
        }
        if ((m = match("COMMENT ON TABLE (\\S+) IS '(.*)'", body)) != null) {
            Matcher c = m;
            return ddl(s, () -> meta(c.group(1)).comment = c.group(2));
        }
        if ((m = match("SELECT COMMENT FROM INFORMATION_SCHEMA\\.TABLES WHERE TABLE_SCHEMA = UPPER\\('(\\w+)'\\) "
                + "AND TABLE_NAME = UPPER\\('(\\w+)'\\)", body)) != null) {
            Account.TableMeta meta = account.tables.get(key(m.group(1) + "." + m.group(2)));
            return Result.rows(Result.columns("COMMENT", "text"), meta == null ? List.of()
                    : List.of(Result.row(meta.comment)));
        }
        if ((m = match("ALTER TABLE (\\S+) SWAP WITH (\\S+)", body)) != null) {
            return swap(s, m.group(1), m.group(2));
        }
        if ((m = match("ALTER TABLE (\\S+) RENAME TO (\\S+)", body)) != null) {
            return rename(s, m.group(1), m.group(2));
        }
        if ((m = match("DROP TABLE (IF EXISTS )?(\\S+)", body)) != null) {
            return drop(s, m.group(2), m.group(1) != null);
        }
        if ((m = match("UNDROP TABLE (\\S+)", body)) != null) {
            return undrop(s, m.group(1));
        }
        if ((m = match("INSERT OVERWRITE INTO (\\S+)\\s+(.*)", body)) != null) {
            requireWarehouse(s);
            return overwrite(s, m.group(1), m.group(2));
        }
        if ((m = match("CREATE (OR REPLACE )?(TRANSIENT )?TABLE (IF NOT EXISTS )?(\\S+?)(\\s*\\(|\\s+AS\\s|\\s+CLONE\\s).*",
                body))
                != null) {
            return createTable(s, body, m.group(1) != null, m.group(2) != null, m.group(3) != null, m.group(4));
        }
        return dml(s, body);
    }

    private interface Action {
        void run() throws SQLException;
    }

    /** A DDL statement: it commits the session's open transaction first, as Snowflake does. */
    private Result ddl(Session s, Action action) throws SQLException {
        s.end(true);
        action.run();
        return Result.status("Statement executed successfully.", Result.DDL);
    }

    private Result ddlEngine(Session s, String duckdb) throws SQLException {
        s.end(true);
        return account.engine(s, duckdb, Result.DDL);
    }

    private Account.TableMeta meta(String relation) {
        Account.TableMeta meta = account.tables.get(key(relation));
        if (meta == null) {
            throw SnowflakeError.doesNotExist(key(relation));
        }
        return meta;
    }

    private Result grant(Session s, String privileges, String kind, String object, String role) throws SQLException {
        if (kind.equalsIgnoreCase("SCHEMA")) {
            return ddl(s, () -> account.schemaGrants.add(privileges.toUpperCase(Locale.ROOT) + ":" + key(object) + ":"
                    + role.toUpperCase(Locale.ROOT)));
        }
        return ddl(s, () -> meta(object).grants.add(privileges.toUpperCase(Locale.ROOT) + ":"
                + role.toUpperCase(Locale.ROOT)));
    }

    /** Both names must exist; data and metadata trade places in one transaction. */
    private Result swap(Session s, String a, String b) throws SQLException {
        s.end(true);
        account.lock(s, List.of(a, b));
        if (!account.tableExists(s, a)) {
            throw SnowflakeError.doesNotExist(key(a));
        }
        if (!account.tableExists(s, b)) {
            throw SnowflakeError.doesNotExist(key(b));
        }
        String temp = Account.bare(a) + "__emulator_swap";
        atomically(s, "ALTER TABLE " + a + " RENAME TO " + temp,
                "ALTER TABLE " + b + " RENAME TO " + Account.bare(a),
                "ALTER TABLE " + schemaOf(a) + temp + " RENAME TO " + Account.bare(b));
        Account.TableMeta ma = account.tables.remove(key(a));
        Account.TableMeta mb = account.tables.remove(key(b));
        account.tables.put(key(a), mb);
        account.tables.put(key(b), ma);
        return Result.status("Statement executed successfully.", Result.DDL);
    }

    private Result rename(Session s, String from, String to) throws SQLException {
        s.end(true);
        account.lock(s, List.of(from));
        if (!account.tableExists(s, from)) {
            throw SnowflakeError.doesNotExist(key(from));
        }
        if (account.tableExists(s, to)) {
            throw SnowflakeError.alreadyExists(key(to));
        }
        account.engine(s, "ALTER TABLE " + from + " RENAME TO " + Account.bare(to), Result.DDL);
        account.tables.put(key(to), account.tables.remove(key(from)));
        return Result.status("Statement executed successfully.", Result.DDL);
    }

    /** A dropped table is kept (for UNDROP) under a hidden name with its metadata. */
    private Result drop(Session s, String relation, boolean ifExists) throws SQLException {
        s.end(true);
        if (!account.tableExists(s, relation)) {
            if (ifExists) {
                return Result.status("Drop statement executed successfully (" + key(relation)
                        + " already dropped).", Result.DDL);
            }
            throw SnowflakeError.doesNotExist(key(relation));
        }
        account.lock(s, List.of(relation));
        String hidden = account.droppedName();
        atomically(s, "CREATE TABLE " + hidden + " AS SELECT * FROM " + relation, "DROP TABLE " + relation);
        Account.TableMeta meta = account.tables.remove(key(relation));
        account.dropped.put(key(relation) + "@" + hidden, meta == null ? new Account.TableMeta() : meta);
        return Result.status(key(relation) + " successfully dropped.", Result.DDL);
    }

    private Result undrop(Session s, String relation) throws SQLException {
        s.end(true);
        String newest = account.dropped.keySet().stream().filter(k -> k.startsWith(key(relation) + "@"))
                .max(String::compareTo).orElseThrow(() -> SnowflakeError.doesNotExist(key(relation)));
        if (account.tableExists(s, relation)) {
            throw SnowflakeError.alreadyExists(key(relation));
        }
        String hidden = newest.substring(newest.indexOf('@') + 1);
        atomically(s, "CREATE TABLE " + relation + " AS SELECT * FROM " + hidden, "DROP TABLE " + hidden);
        account.tables.put(key(relation), account.dropped.remove(newest));
        return Result.status("Table " + key(relation) + " successfully restored.", Result.DDL);
    }

    /** DML that replaces a table's rows and keeps the object (grants, comment): one statement, one transaction. */
    private Result overwrite(Session s, String relation, String query) throws SQLException {
        if (!s.autocommit) {
            s.begin();
        }
        account.lock(s, List.of(relation));
        meta(relation);
        String select = Translation.toDuckDb(query, s);
        long[] inserted = new long[1];
        inTransaction(s, () -> {
            s.run("DELETE FROM " + relation);
            try (var st = s.engine.createStatement()) {
                inserted[0] = st.executeUpdate("INSERT INTO " + relation + " " + select);
            }
        });
        return Result.dml(Result.INSERT, "number of rows inserted", inserted[0]);
    }

    private Result createTable(Session s, String body, boolean replace, boolean transientKind, boolean ifNotExists,
                               String relation) throws SQLException {
        s.end(true);
        boolean ctas = match("CREATE .*?TABLE \\S+\\s+AS\\s.*", body) != null;
        if (ctas) {
            requireWarehouse(s);
        }
        if (s.database == null) {
            throw SnowflakeError.noDatabase("CREATE TABLE");
        }
        boolean existed = account.tableExists(s, relation);
        if (existed && ifNotExists) {
            return Result.status(key(relation) + " already exists, statement succeeded.", Result.DDL);
        }
        if (existed && !replace) {
            throw SnowflakeError.alreadyExists(Account.bare(key(relation)));
        }
        account.lock(s, List.of(relation));
        String duckdb = Translation.toDuckDb(body.replaceFirst("(?i)\\bTRANSIENT\\s+", ""), s);
        try {
            account.engine(s, duckdb, Result.DDL);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("already exists")) {
                throw SnowflakeError.alreadyExists(Account.bare(key(relation))); // lost a race to create it
            }
            throw e;
        }
        Account.TableMeta meta = new Account.TableMeta(); // a new object: no grants, no comment, no load metadata
        meta.transientTable = transientKind;
        account.tables.put(key(relation), meta);
        return Result.status("Table " + Account.bare(key(relation)) + " successfully created.", Result.DDL);
    }

    private Result dml(Session s, String body) throws SQLException {
        String first = body.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        long type = switch (first) {
            case "INSERT" -> Result.INSERT;
            case "UPDATE" -> Result.UPDATE;
            case "DELETE" -> Result.DELETE;
            case "MERGE" -> Result.MERGE;
            default -> Result.SELECT;
        };
        if (needsWarehouse(body)) {
            requireWarehouse(s);
        }
        if (type != Result.SELECT) {
            if (!s.autocommit) {
                s.begin();
            }
            Matcher target = match("(?:INSERT INTO|UPDATE|DELETE FROM|MERGE INTO)\\s+(\\S+).*", body);
            if (target != null) {
                account.lock(s, List.of(target.group(1)));
                // Snowflake runs DML on one table one statement at a time: a second MERGE sees the first's row.
                synchronized (account.statementLock(target.group(1))) {
                    return write(s, Translation.toDuckDb(body, s), type);
                }
            }
        }
        return write(s, Translation.toDuckDb(body, s), type);
    }

    private Result write(Session s, String duckdb, long type) throws SQLException {
        if (type == Result.MERGE) {
            return merge(s, duckdb);
        }
        return account.engine(s, duckdb, type);
    }

    /** MERGE answers inserted and updated counts; the driver adds them up as the update count. */
    private Result merge(Session s, String duckdb) throws SQLException {
        try (var st = s.engine.createStatement()) {
            long n = st.executeUpdate(duckdb);
            return new Result(Result.columns("number of rows inserted", "fixed", "number of rows updated", "fixed"),
                    List.of(List.of(String.valueOf(n), "0")), Result.MERGE);
        }
    }

    static void deleteTree(java.nio.file.Path root) {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(root)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean needsWarehouse(String body) {
        return match("SELECT .*\\bFROM\\b.*", body) != null && match(".*INFORMATION_SCHEMA.*", body) == null
                || match("(INSERT|UPDATE|DELETE|MERGE)\\b.*", body) != null;
    }

    private static void requireWarehouse(Session s) {
        if (s.warehouse == null) {
            throw SnowflakeError.noWarehouse();
        }
    }

    /** Several engine statements as one: in the open transaction, or in one of their own. */
    private void atomically(Session s, String... statements) throws SQLException {
        inTransaction(s, () -> {
            for (String sql : statements) {
                s.run(sql);
            }
        });
    }

    private static void inTransaction(Session s, Action work) throws SQLException {
        if (s.inTransaction) {
            work.run();
            return;
        }
        s.run("BEGIN TRANSACTION");
        try {
            work.run();
            s.run("COMMIT");
        } catch (SQLException | RuntimeException e) {
            s.run("ROLLBACK");
            throw e;
        }
    }

    private static String schemaOf(String relation) {
        return relation.contains(".") ? relation.substring(0, relation.lastIndexOf('.') + 1) : "";
    }

    static String stripComments(String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines).replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
