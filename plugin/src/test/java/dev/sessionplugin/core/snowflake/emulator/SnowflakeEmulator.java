package dev.sessionplugin.core.snowflake.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful Snowflake on loopback for the real JDBC driver: login, query and logout over Snowflake's HTTP API,
 * each statement run against an {@link Account} that keeps tables (in DuckDB), stages, grants, comments, load
 * metadata, roles, sessions and transactions. Faults are injected per statement: answer an error without running
 * it, run it and then answer an error (the ambiguous case), expire the session, or hold it until the test lets
 * it go (to kill the client at an exact point). Every statement received is recorded with its query tag.
 */
public final class SnowflakeEmulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A statement the driver sent. */
    public record Received(String sql, String queryTag, long session) {
    }

    /** A scripted answer: rows, or an error code with SQLSTATE and message. */
    public record Answer(Result result, SnowflakeError error) {
        public static Answer rows(Map<String, String> columns, List<List<String>> rows) {
            return new Answer(Result.rows(columns, rows), null);
        }

        public static Answer count(long n) {
            return new Answer(Result.count(n), null);
        }

        public static Answer error(String code, String sqlState, String message) {
            return new Answer(null, new SnowflakeError(code, sqlState, message));
        }
    }

    /** When a fault applies to a statement it matches: instead of running it, or after. */
    private enum When { INSTEAD, BEFORE, AFTER, DROP, EXPIRE }

    private record Fault(Pattern matches, When when, Function<String, Answer> answer, AtomicInteger times) {
    }

    /** A statement held on its way in, until the test releases it (running it or not). */
    public static final class Hold {
        private final Pattern matches;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean run;

        private Hold(Pattern matches) {
            this.matches = matches;
        }

        /** Waits until a matching statement has arrived (and is held). */
        public void await() throws InterruptedException {
            if (!arrived.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no statement matching " + matches + " arrived");
            }
        }

        /**
         * Lets the held statement go: run and answer it ({@code run}), or drop it unrun and unanswered. Returns
         * once it has run, so what the test reads next already sees it.
         */
        public void release(boolean run) throws InterruptedException {
            this.run = run;
            released.countDown();
            if (run && !finished.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the released statement did not finish");
            }
        }
    }

    public static Map<String, String> columns(String... nameType) {
        return Result.columns(nameType);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snowflake-emulator");
        t.setDaemon(true);
        return t;
    });
    private final Account account = new Account();
    private final Interpreter interpreter = new Interpreter(account);
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> holds = Collections.synchronizedList(new ArrayList<>());
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logins = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Session> byToken = Collections.synchronizedMap(new HashMap<>());
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicInteger queries = new AtomicInteger();
    private final Map<String, ObjectNode> answered = Collections.synchronizedMap(new HashMap<>());
    private final Session admin;

    public SnowflakeEmulator() throws IOException {
        try {
            admin = new Session(1, "admin", "ADMIN", "ACCOUNTADMIN", "ADMIN_WH", "SESSION_DB",
                    account.newConnection());
        } catch (SQLException e) {
            throw new IOException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + server.getAddress().getPort() + "/?ssl=off";
    }

    // ---- the account's configuration

    /** Where stage URLs lead. */
    public SnowflakeEmulator storage(StageStorage storage) {
        account.storage = storage;
        return this;
    }

    /** Only these warehouses exist: a login naming another one has no current warehouse. */
    public SnowflakeEmulator warehouses(String... names) {
        account.warehouses = Set.of(names);
        return this;
    }

    /** Only these databases exist: a login naming another one has no current database. */
    public SnowflakeEmulator databases(String... names) {
        account.databases = Set.of(names);
        return this;
    }

    /** The role may not create schemas in the database (it may still own schemas an administrator made). */
    public SnowflakeEmulator withoutCreateSchema(String role) {
        account.rolesWithoutCreateSchema.add(role.toUpperCase(java.util.Locale.ROOT));
        return this;
    }

    /** Runs a statement as an administrator, outside any client session (setup, or a reader's query). */
    public Result admin(String sql) {
        return interpreter.execute(admin, sql);
    }

    /** The first column of each row a query returns, read as a reader in its own session sees committed data. */
    public List<String> read(String sql) {
        try {
            Session reader = new Session(2, "reader", "READER", "REPORTER", "ADMIN_WH", "SESSION_DB",
                    account.newConnection());
            try {
                return interpreter.execute(reader, sql).rows().stream().map(r -> r.get(0)).toList();
            } finally {
                reader.engine.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Grants on a table object, as {@code PRIVILEGE:ROLE}. */
    public Set<String> grants(String relation) {
        Account.TableMeta meta = account.tables.get(Account.key(relation));
        return meta == null ? Set.of() : Set.copyOf(meta.grants);
    }

    /** Grants on schemas, as {@code PRIVILEGE:SCHEMA:ROLE}. */
    public Set<String> schemaGrants() {
        return Set.copyOf(account.schemaGrants);
    }

    public boolean isTransient(String relation) {
        Account.TableMeta meta = account.tables.get(Account.key(relation));
        return meta != null && meta.transientTable;
    }

    // ---- faults

    /** Answers matching statements ({@code regex} found anywhere) without running them; {@code times} < 0: always. */
    public SnowflakeEmulator on(String regex, Answer answer, int times) {
        faults.add(new Fault(pattern(regex), When.INSTEAD, sql -> answer, new AtomicInteger(times)));
        return this;
    }

    public SnowflakeEmulator on(String regex, Answer answer) {
        return on(regex, answer, -1);
    }

    /** Answers matching statements with what {@code answer} computes from them, always, without running them. */
    public SnowflakeEmulator onEach(String regex, Function<String, Answer> answer) {
        faults.add(new Fault(pattern(regex), When.INSTEAD, answer, new AtomicInteger(-1)));
        return this;
    }

    /** Does {@code action} when the next matching statement arrives, then runs the statement as usual. */
    public SnowflakeEmulator beforeRunning(String regex, Runnable action) {
        faults.add(new Fault(pattern(regex), When.BEFORE, sql -> {
            action.run();
            return null;
        }, new AtomicInteger(1)));
        return this;
    }

    /** Runs matching statements, then answers an error: the client cannot tell whether they ran. */
    public SnowflakeEmulator afterRunning(String regex, Answer error, int times) {
        faults.add(new Fault(pattern(regex), When.AFTER, sql -> error, new AtomicInteger(times)));
        return this;
    }

    /**
     * Runs the next matching statement, then closes the connection without an answer. The driver sends the
     * request again with the same request id, and the answer kept for that id comes back, as on Snowflake.
     */
    public SnowflakeEmulator dropAnswer(String regex) {
        faults.add(new Fault(pattern(regex), When.DROP, sql -> null, new AtomicInteger(1)));
        return this;
    }

    /** The session's token expires when a matching statement arrives: it and every later one get 390114. */
    public SnowflakeEmulator expireSessionAt(String regex) {
        faults.add(new Fault(pattern(regex), When.EXPIRE, sql -> null, new AtomicInteger(1)));
        return this;
    }

    /** Holds the next matching statement until the test releases it. */
    public Hold hold(String regex) {
        Hold hold = new Hold(pattern(regex));
        holds.add(hold);
        return hold;
    }

    private static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> statements() {
        return received().stream().map(Received::sql).toList();
    }

    /** The login requests' bodies (session parameters among them). */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    // ---- the wire

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        ObjectNode response;
        if (path.equals("/session/v1/login-request")) {
            response = login(ex.getRequestURI().getRawQuery(), new String(body, StandardCharsets.UTF_8));
        } else if (path.equals("/queries/v1/query-request")) {
            String requestId = requestId(ex.getRequestURI().getRawQuery());
            response = requestId == null ? null : answered.get(requestId);
            if (response == null) {
                response = query(ex, JSON.readTree(body));
                if (response != null && requestId != null) {
                    answered.put(requestId, response);
                }
                if (response != null && response.has("dropped")) {
                    response.remove("dropped");
                    ex.close(); // ran, but the answer is lost on the way
                    return;
                }
            }
            if (response == null) {
                ex.close(); // dropped unanswered: the client sees the connection go away
                return;
            }
        } else {
            if (path.equals("/session") && String.valueOf(ex.getRequestURI().getQuery()).contains("delete=true")) {
                logout(ex);
            }
            response = JSON.createObjectNode().put("success", true).putNull("data");
        }
        byte[] out = JSON.writeValueAsBytes(response);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static String requestId(String rawQuery) {
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.startsWith("requestId=")) {
                return pair.substring("requestId=".length());
            }
        }
        return null;
    }

    /** A closed session: its open transaction is rolled back, as Snowflake does when a session ends. */
    private void logout(HttpExchange ex) {
        String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
        Session session = byToken.remove(auth.replaceAll(".*Token=\"([^\"]*)\".*", "$1"));
        if (session != null) {
            try {
                session.end(false);
            } catch (SQLException ignored) {
                // nothing to roll back
            }
            account.sessions.remove(session.id);
        }
    }

    private ObjectNode login(String rawQuery, String body) {
        logins.add(body);
        Map<String, String> query = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String user = "SESSION_SVC";
        try {
            user = JSON.readTree(body).path("data").path("LOGIN_NAME").asText(user);
        } catch (IOException ignored) {
            // keep the default
        }
        String warehouse = existing(query.get("warehouse"), account.warehouses);
        String database = existing(query.get("databaseName"), account.databases);
        String role = query.getOrDefault("roleName", "PUBLIC").toUpperCase(java.util.Locale.ROOT);
        long id = ids.incrementAndGet();
        Session session;
        try {
            session = new Session(id, "token-" + id, user.toUpperCase(java.util.Locale.ROOT), role, warehouse, database,
                    account.newConnection());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            JSON.readTree(body).path("data").path("SESSION_PARAMETERS").fields()
                    .forEachRemaining(e -> session.parameters.put(e.getKey().toUpperCase(java.util.Locale.ROOT),
                            e.getValue().asText()));
        } catch (IOException ignored) {
            // no parameters
        }
        account.sessions.put(id, session);
        byToken.put(session.token, session);
        ObjectNode response = JSON.createObjectNode().put("success", true);
        ObjectNode data = response.putObject("data").put("token", session.token).put("masterToken", "master-" + id)
                .put("validityInSeconds", 3600).put("masterValidityInSeconds", 14400).put("sessionId", id);
        data.putArray("parameters").addObject().put("name", "AUTOCOMMIT").put("value", true);
        return response;
    }

    private static String existing(String name, Set<String> known) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return known == null || known.contains(upper) ? upper : null;
    }

    private ObjectNode query(HttpExchange ex, JsonNode request) {
        String sql = request.path("sqlText").asText();
        String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
        Session session = byToken.get(auth.replaceAll(".*Token=\"([^\"]*)\".*", "$1"));
        received.add(new Received(sql, request.path("parameters").path("QUERY_TAG").asText(null),
                session == null ? -1 : session.id));
        String queryId = "01emu-" + queries.incrementAndGet();
        if (session == null || session.aborted) {
            return error(new SnowflakeError("390111", "08001", "Session no longer exists.  New login required to "
                    + "access the service."), queryId);
        }
        Fault fault = fault(sql);
        if (fault != null && fault.when() == When.EXPIRE) {
            session.expired = true;
        }
        if (session.expired) {
            return error(new SnowflakeError("390114", "08001", "Authentication token has expired.  The user must "
                    + "authenticate again."), queryId);
        }
        Hold hold = heldFor(sql);
        if (hold != null) {
            hold.arrived.countDown();
            try {
                hold.released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!hold.run) {
                return null;
            }
            if (session.aborted) {
                hold.finished.countDown();
                return error(new SnowflakeError("390111", "08001", "Session no longer exists.  New login required to "
                        + "access the service."), queryId);
            }
        }
        if (fault != null && fault.when() == When.INSTEAD) {
            Answer answer = fault.answer().apply(sql);
            return answer.error() != null ? error(answer.error(), queryId) : result(answer.result(), queryId);
        }
        if (fault != null && fault.when() == When.BEFORE) {
            fault.answer().apply(sql);
        }
        Matcher put = PUT.matcher(sql.strip());
        if (put.matches()) {
            return upload(put, queryId);
        }
        try {
            Result result;
            try {
                result = interpreter.execute(session, sql);
            } finally {
                if (hold != null) {
                    hold.finished.countDown();
                }
            }
            if (fault != null && fault.when() == When.AFTER) {
                return error(fault.answer().apply(sql).error(), queryId);
            }
            ObjectNode answer = result(result, queryId);
            if (fault != null && fault.when() == When.DROP) {
                answer.put("dropped", true);
            }
            return answer;
        } catch (SnowflakeError e) {
            return error(e, queryId);
        }
    }

    private static final Pattern PUT = Pattern.compile("(?is)(?:\\s*--[^\\n]*\\n)*\\s*PUT\\s+'?file://([^'\\s]+)'?\\s+@([\\w.]+)(/\\S*)?.*");

    /**
     * PUT, as Snowflake answers it: the driver is told to upload the file itself, here to a local folder
     * ({@code LOCAL_FS}, the stage type the driver has for this), which is where the internal stage's files live.
     */
    private ObjectNode upload(Matcher put, String queryId) {
        String stage = put.group(2).toUpperCase(java.util.Locale.ROOT);
        String url = account.stages.get(stage);
        if (url == null || !url.startsWith("internal://")) {
            return error(new SnowflakeError("002003", "02000", "SQL compilation error:\nStage '" + stage
                    + "' does not exist or not authorized."), queryId);
        }
        java.nio.file.Path folder = account.internal.resolve(stage);
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("success", true);
        ObjectNode data = response.putObject("data");
        data.put("command", "UPLOAD").put("queryId", queryId).put("autoCompress", false)
                .put("sourceCompression", "none").put("parallel", 1).put("overwrite", true)
                .put("clientShowEncryptionParameter", false);
        data.putArray("src_locations").add(put.group(1));
        data.putNull("encryptionMaterial");
        ObjectNode stageInfo = data.putObject("stageInfo");
        stageInfo.put("locationType", "LOCAL_FS").put("location", folder.toString() + "/").put("path", "")
                .putNull("region").put("isClientSideEncrypted", false).putObject("creds");
        return response;
    }

    private Fault fault(String sql) {
        synchronized (faults) {
            for (Fault f : faults) {
                if (f.matches().matcher(sql).find() && f.times().get() != 0) {
                    f.times().decrementAndGet();
                    return f;
                }
            }
        }
        return null;
    }

    private Hold heldFor(String sql) {
        synchronized (holds) {
            for (Hold h : holds) {
                if (h.matches.matcher(sql).find()) {
                    holds.remove(h);
                    return h;
                }
            }
        }
        return null;
    }

    private static ObjectNode error(SnowflakeError e, String queryId) {
        ObjectNode response = JSON.createObjectNode();
        response.put("success", false).put("code", e.code).put("message", e.getMessage());
        response.putObject("data").put("errorCode", e.code).put("sqlState", e.sqlState).put("queryId", queryId)
                .put("internalError", false).put("line", -1).put("pos", -1);
        return response;
    }

    private static ObjectNode result(Result result, String queryId) {
        ObjectNode response = JSON.createObjectNode();
        response.put("success", true);
        ObjectNode data = response.putObject("data");
        ArrayNode rowtype = data.putArray("rowtype");
        result.columns().forEach((name, type) -> rowtype.addObject().put("name", name).put("type", type)
                .put("nullable", true).put("precision", 38).put("scale", type.equals("timestamp_ntz") ? 9 : 0)
                .put("length", 16777216).put("byteLength", 16777216).put("database", "").put("schema", "")
                .put("table", "").putNull("collation"));
        ArrayNode rowset = data.putArray("rowset");
        for (List<String> row : result.rows()) {
            ArrayNode r = rowset.addArray();
            row.forEach(v -> {
                if (v == null) {
                    r.addNull();
                } else {
                    r.add(v);
                }
            });
        }
        data.put("total", result.rows().size()).put("returned", result.rows().size()).put("queryId", queryId)
                .put("queryResultFormat", "json").put("statementTypeId", result.statementType());
        data.putArray("parameters");
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        for (Session s : account.sessions.values()) {
            try {
                s.engine.close();
            } catch (SQLException ignored) {
                // closing the account anyway
            }
        }
        try {
            admin.engine.close();
            account.base.close();
        } catch (SQLException ignored) {
            // in-memory: nothing to keep
        }
        Interpreter.deleteTree(account.internal); // what PUT uploaded: a temporary folder per emulator
    }
}
