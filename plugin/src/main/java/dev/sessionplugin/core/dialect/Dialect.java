package dev.sessionplugin.core.dialect;

import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.SupersetSpec;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.warehouse.RunLock;
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

    /** A second connection to the same target, for another thread. */
    default Connection duplicate(Connection connection) throws SQLException {
        return connect();
    }

    /** A column type of the descriptor as this engine must be told it to mean the same thing everywhere. */
    default String columnType(String declared) {
        return declared;
    }

    /** Roles that read the published tables: granted SELECT on each shadow before it is published. */
    default List<String> readRoles() {
        return List.of();
    }

    /** Which secret the connection will use, never the secret itself; null when the engine needs none. */
    default String describeCredentials() {
        return null;
    }

    /** Where the data lives, for messages (a file path, an account URL). */
    String describeTarget();

    /** A failed statement as an error the user can act on: whose fault, which file and line, what to do. */
    SessionException translate(SQLException error, Sql statement);

    /** Whether retrying the same statement may succeed (network, throttling, a resuming warehouse). */
    boolean isTransient(SQLException error);

    /** Takes the one-run-at-a-time lock of this target, waiting up to {@code wait} for a running holder. */
    RunLock lockRun(java.time.Duration wait);

    /**
     * Takes a lock in the target itself, for targets shared by several machines; released on close. Nothing to
     * do where the local lock already covers every writer (an embedded file).
     */
    default Held lockTarget(Warehouse warehouse, Statements statements, java.time.Duration wait,
                            dev.sessionplugin.core.report.Progress progress) {
        return () -> { };
    }

    /**
     * Checks, once connected, what the engine only tells after login (e.g. that the named warehouse and database
     * exist and the role may use them), so the run stops with the setting to fix instead of a later puzzle.
     */
    default void verifySession(Warehouse warehouse, Statements statements) {
    }

    /** Something held until closed, whose release cannot fail the run. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Brings the target back to a consistent state after a run that was killed (its lock was left behind):
     * whatever that run left half-done outside a transaction is redone or removed. Returns what was done.
     */
    String recover(Warehouse warehouse, Statements statements);

    /** Variables every statement template of this engine may use (e.g. table kind, storage integration). */
    default java.util.Map<String, Object> templateVariables() {
        return java.util.Map.of();
    }

    /** Where sources are read on this target when -Dsession.sources is not given; null for their own uri. */
    default String defaultSources() {
        return null;
    }

    /** Whether the engine reads this source URI itself (through a stage) rather than from a local download. */
    default boolean readsRemote(String uri) {
        return false;
    }

    /**
     * The files the engine reads itself, each with what identifies its content as the engine sees it (null when
     * that cannot be read: the source is then loaded again). Local files are returned as they are.
     */
    default List<LocalFile> versioned(Warehouse warehouse, Statements statements, List<LocalFile> files) {
        return files;
    }

    /** An encoding name of the descriptor ({@code utf-8}, {@code utf-16}, {@code latin-1}) as this engine spells it. */
    default String csvEncoding(String encoding) {
        return encoding;
    }

    /** A date or timestamp format written in strftime form, as this engine's CSV reader wants it. */
    default String csvDateFormat(String strftime) {
        return strftime;
    }

    /**
     * Checks a remote file's header against the source's columns where the engine reads it (local files are
     * checked before anything connects); nothing to do where the engine reads no remote files.
     */
    default void verifyHeader(Warehouse warehouse, Statements statements, LocalFile file) {
    }

    /**
     * Makes local files readable by the engine before they are loaded: nothing for an engine that reads this
     * machine's files; an upload to the source's stage for one that runs elsewhere.
     *
     * @param newStage start the source's stage afresh (once per load of the source), else add to it
     */
    default void upload(Warehouse warehouse, Statements statements, dev.sessionplugin.core.descriptor.SourceSpec source,
                        List<java.nio.file.Path> files, boolean newStage) {
    }

    /** Loads one file into its staging table and returns the rows loaded. */
    default long load(Warehouse warehouse, Sql load, String file) {
        return warehouse.update(load);
    }

    /** Sets per-statement options (a query tag) before {@code sql} runs. */
    default void prepare(java.sql.Statement statement, Sql sql) throws SQLException {
    }

    /**
     * Whether {@code session:export-superset} works from the compile catalog instead of connecting (a remote
     * warehouse: no login, no running warehouse, just the bundle); the embedded engine connects for its page.
     */
    default boolean exportsFromCatalog() {
        return false;
    }

    /** Rejects names this engine cannot take as the dialect writes them (e.g. a reserved word left unquoted). */
    default void checkNames(dev.sessionplugin.core.Plan plan, dev.sessionplugin.core.descriptor.Descriptor.Schemas schemas) {
    }

    /** Whether the error means the session is gone (expired, aborted) and only a new connection can go on. */
    default boolean sessionGone(SQLException error) {
        return false;
    }

    /** The engine's id of a statement that failed, or null. */
    default String queryId(SQLException error) {
        return null;
    }

    /** The engine's id of the statement that just ran, or null. */
    default String queryId(java.sql.Statement statement) {
        return null;
    }

    /**
     * Whether a run builds its shadows on one connection in one transaction instead of on several connections as
     * their upstream models finish: an engine that commits one writer at a time to its file gains nothing from
     * more connections but a commit per shadow. Where DDL commits on its own, this must stay false.
     */
    default boolean buildsInOneTransaction() {
        return false;
    }

    /**
     * Whether a table can be copied at no cost (a zero-copy clone). An incremental model's shadow then starts as a
     * copy of its published table with the batch applied, swapped in like any table. Elsewhere the shadow is a
     * view of the published rows with the batch applied ({@code materialize/incremental_overlay}), and the publish
     * applies the batch to the published table itself, inside the publish's transaction.
     */
    default boolean clonesTablesForFree() {
        return false;
    }

    /** Publishes every shadow under its live name: all or, where the engine cannot, each one atomically. */
    void publish(Warehouse warehouse, Statements statements, List<Publication> publications,
                 dev.sessionplugin.core.report.Progress progress);

    /** The SQLAlchemy URI Superset connects with; never holds a secret. */
    String supersetUri(SupersetSpec superset, String schema);

    /** A column name as Superset will see it on this engine. */
    default String supersetColumn(String name) {
        return name;
    }

    /** Whether Superset datasets on this engine need {@code normalize_columns: true}. */
    default boolean supersetNormalizesColumns() {
        return false;
    }

    /** What a run leaves where, for the last lines of its log (e.g. the work file and the file readers open). */
    default List<String> outputs() {
        return List.of();
    }

    /**
     * A copy of the published tables that anyone may open offline and read-only, without the warehouse (DuckDB's
     * serving file); empty where reading what is published needs a connection.
     */
    default java.util.Optional<java.nio.file.Path> readerCopy() {
        return java.util.Optional.empty();
    }

    /** Whether copies made of the published tables for readers (a serving file) are all there. */
    default boolean publishedCopiesIntact() {
        return true;
    }

    /**
     * A checked shadow and the live relation it replaces.
     *
     * @param view for a view, its SELECT over the published relations (the live view is created from it, since
     *             the shadow view reads shadows); null for a table
     * @param batch for an incremental shadow that is a view of the published rows plus a batch, how to apply that
     *              batch; null otherwise
     * @param sourceCopies for a view, the statements that refresh the copies of the sources it reads, to run just
     *                     before it is created ({@link Statements#copySourceForViews})
     */
    record Publication(String model, String schema, String live, String shadow, String view, List<Sql> sourceCopies,
                       BatchApply batch) {

        public Publication(String model, String schema, String live, String shadow) {
            this(model, schema, live, shadow, null, List.of(), null);
        }

        public boolean isView() {
            return view != null;
        }

        /** Refreshes the copies of the sources this view reads; {@code done}: those already refreshed by this publish. */
        public void copySources(Warehouse warehouse, java.util.Set<String> done) {
            for (Sql copy : sourceCopies) {
                if (done.add(copy.text())) {
                    warehouse.update(copy);
                }
            }
        }
    }

    /**
     * A batch checked through an overlay view, to be applied to a table that holds the published rows: the
     * published table itself, or its copy in a file for readers.
     */
    interface BatchApply {

        /** The statements that apply the batch to {@code table} (a relation as the engine names it). */
        List<Sql> to(String table);

        /** The batch table, dropped once the batch is applied everywhere. */
        Sql dropBatch();

        /** The batch, as a relation. */
        String batch();

        /** The published rows the batch leaves as they are: a relation, or a parenthesised SELECT. */
        String kept();
    }
}
