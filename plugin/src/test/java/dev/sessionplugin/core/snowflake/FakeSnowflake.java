package dev.sessionplugin.core.snowflake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
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
 * Enough of Snowflake's HTTP API (login, query, logout) on loopback for the real JDBC driver: every statement it
 * sends is recorded with its query tag, and answers come from scripted rules (result rows or an error), in order.
 */
public final class FakeSnowflake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A statement the driver sent. */
    public record Received(String sql, String queryTag) {
    }

    /** An answer: columns (name → Snowflake type) and rows, or an error code with SQLSTATE and message. */
    public record Answer(Map<String, String> columns, List<List<String>> rows, String errorCode, String sqlState,
                         String message) {
        public static Answer rows(Map<String, String> columns, List<List<String>> rows) {
            return new Answer(columns, rows, null, null, null);
        }

        public static Answer count(long n) {
            return rows(FakeSnowflake.columns("COUNT(*)", "fixed"), List.of(List.of(String.valueOf(n))));
        }

        public static Answer error(String code, String sqlState, String message) {
            return new Answer(null, null, code, sqlState, message);
        }
    }

    /** Columns in order: name, type, name, type, ... */
    public static Map<String, String> columns(String... nameType) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            columns.put(nameType[i], nameType[i + 1]);
        }
        return columns;
    }

    private record Rule(Predicate<String> matches, java.util.function.Function<String, Answer> answer,
                        AtomicInteger times) {
    }

    private final HttpServer server;
    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger queries = new AtomicInteger();
    private final List<String> logins = Collections.synchronizedList(new ArrayList<>());

    /** The login requests' bodies (session parameters among them). */
    public List<String> logins() {
        return List.copyOf(logins);
    }
    private final Map<String, String[]> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean keepFingerprints;

    private static final Pattern FINGERPRINT_WRITE = Pattern.compile("MERGE INTO session_meta\\.fingerprints.*"
            + "SELECT '([^']*)' AS node, '([^']*)' AS kind, '([^']*)' AS fingerprint", Pattern.DOTALL);
    private static final Pattern FINGERPRINT_FORGET = Pattern.compile(
            "DELETE FROM session_meta\\.fingerprints WHERE node = '([^']*)'");
    private static final Pattern LEDGER_WRITE = Pattern.compile("MERGE INTO session_meta\\.shadows.*"
            + "SELECT '([^']*)' AS model, (?:'([^']*)'|NULL) AS fingerprint", Pattern.DOTALL);
    private static final Pattern LEDGER_READ = Pattern.compile(
            "SELECT fingerprint FROM session_meta\\.shadows WHERE model = '([^']*)'");
    private static final Pattern FINGERPRINT_READ = Pattern.compile(
            "SELECT node, fingerprint FROM session_meta\\.fingerprints WHERE kind = '([^']*)'");

    /**
     * Keeps the fingerprint table and the fingerprints in the shadow ledger for real (write, forget, read), as a
     * warehouse would across runs.
     */
    public FakeSnowflake keepFingerprints() {
        keepFingerprints = true;
        return this;
    }

    public Map<String, String> fingerprints() {
        Map<String, String> out = new java.util.TreeMap<>();
        fingerprints.forEach((node, v) -> out.put(node, v[1]));
        return out;
    }

    private Answer fingerprintAnswer(String sql) {
        Matcher write = FINGERPRINT_WRITE.matcher(sql);
        if (write.find()) {
            fingerprints.put(write.group(1), new String[] {write.group(2), write.group(3)});
            return Answer.rows(columns("number of rows inserted", "fixed"), List.of(List.of("1")));
        }
        Matcher forget = FINGERPRINT_FORGET.matcher(sql);
        if (forget.find()) {
            fingerprints.remove(forget.group(1));
            return Answer.rows(columns("number of rows deleted", "fixed"), List.of(List.of("1")));
        }
        Matcher built = LEDGER_WRITE.matcher(sql);
        if (built.find()) {
            fingerprints.put("ledger:" + built.group(1), new String[] {"ledger", String.valueOf(built.group(2))});
            return Answer.rows(columns("number of rows inserted", "fixed"), List.of(List.of("1")));
        }
        Matcher ledger = LEDGER_READ.matcher(sql);
        if (ledger.find()) {
            String[] v = fingerprints.get("ledger:" + ledger.group(1));
            return Answer.rows(columns("FINGERPRINT", "text"), v == null || v[1].equals("null") ? List.of()
                    : List.of(List.of(v[1])));
        }
        Matcher read = FINGERPRINT_READ.matcher(sql);
        if (read.find()) {
            List<List<String>> rows = new ArrayList<>();
            fingerprints.forEach((node, v) -> {
                if (v[0].equals(read.group(1))) {
                    rows.add(List.of(node, v[1]));
                }
            });
            return Answer.rows(columns("NODE", "text", "FINGERPRINT", "text"), rows);
        }
        return null;
    }

    public FakeSnowflake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + server.getAddress().getPort() + "/?ssl=off";
    }

    /** Answers statements matching {@code regex} (found anywhere, case-insensitive); {@code times} < 0: always. */
    public FakeSnowflake on(String regex, Answer answer, int times) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        rules.add(new Rule(sql -> p.matcher(sql).find(), sql -> answer, new AtomicInteger(times)));
        return this;
    }

    /** Answers statements matching {@code regex} with what {@code answer} computes from the statement, always. */
    public FakeSnowflake onEach(String regex, java.util.function.Function<String, Answer> answer) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        rules.add(new Rule(sql -> p.matcher(sql).find(), answer, new AtomicInteger(-1)));
        return this;
    }

    public FakeSnowflake on(String regex, Answer answer) {
        return on(regex, answer, -1);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> statements() {
        return received().stream().map(Received::sql).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        ObjectNode response;
        if (path.equals("/session/v1/login-request")) {
            logins.add(new String(body, StandardCharsets.UTF_8));
            response = JSON.createObjectNode().put("success", true);
            ObjectNode data = response.putObject("data").put("token", "fake-token").put("masterToken", "fake-master")
                    .put("validityInSeconds", 3600).put("masterValidityInSeconds", 14400).put("sessionId", 1);
            data.putArray("parameters").addObject().put("name", "AUTOCOMMIT").put("value", true);
        } else if (path.equals("/queries/v1/query-request")) {
            JsonNode request = JSON.readTree(body);
            String sql = request.path("sqlText").asText();
            received.add(new Received(sql, request.path("parameters").path("QUERY_TAG").asText(null)));
            response = answer(sql);
        } else {
            response = JSON.createObjectNode().put("success", true).putNull("data");
        }
        byte[] out = JSON.writeValueAsBytes(response);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private ObjectNode answer(String sql) {
        String queryId = "01fake-" + queries.incrementAndGet();
        Answer answer = keepFingerprints ? fingerprintAnswer(sql) : null;
        synchronized (rules) {
            for (Rule rule : rules) {
                if (answer != null) {
                    break;
                }
                if (rule.matches().test(sql) && rule.times().get() != 0) {
                    rule.times().decrementAndGet();
                    answer = rule.answer().apply(sql);
                    break;
                }
            }
        }
        if (answer == null) {
            answer = Answer.rows(columns("status", "text"), List.of(List.of("Statement executed successfully.")));
        }
        ObjectNode response = JSON.createObjectNode();
        if (answer.errorCode() != null) {
            response.put("success", false).put("code", answer.errorCode()).put("message", answer.message());
            response.putObject("data").put("errorCode", answer.errorCode()).put("sqlState", answer.sqlState())
                    .put("queryId", queryId).put("internalError", false).put("line", -1).put("pos", -1);
            return response;
        }
        response.put("success", true);
        ObjectNode data = response.putObject("data");
        ArrayNode rowtype = data.putArray("rowtype");
        answer.columns().forEach((name, type) -> rowtype.addObject().put("name", name).put("type", type)
                .put("nullable", true).put("precision", 38).put("scale", 0).put("length", 16777216)
                .put("byteLength", 16777216).put("database", "").put("schema", "").put("table", "")
                .putNull("collation"));
        ArrayNode rowset = data.putArray("rowset");
        for (List<String> row : answer.rows()) {
            ArrayNode r = rowset.addArray();
            row.forEach(v -> {
                if (v == null || v.isEmpty()) {
                    r.addNull();
                } else {
                    r.add(v);
                }
            });
        }
        data.put("total", answer.rows().size()).put("returned", answer.rows().size()).put("queryId", queryId)
                .put("queryResultFormat", "json").put("statementTypeId", 4096);
        data.putArray("parameters");
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
