package dev.sessionplugin.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.TestProjects;
import dev.sessionplugin.core.report.RunReport;
import dev.sessionplugin.core.reliability.RunInProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental equals full, as a property: one copy of a small multi-model project runs {@code session:run}
 * incrementally, another with {@code -Dsession.full=true}; after every random edit the published tables, the
 * verdict and the set of failing checks must be the same. Seeded and reproducible:
 * {@code -Dsession.property.seed=N -Dsession.property.steps=M}; the benchmark profile runs a longer sequence.
 */
class IncrementalEqualsFullTest {

    static final String[] MODELS = {"stg_orders", "stg_customers", "customer_orders", "region_totals"};
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path root;

    /** The project's files, written to both copies after every edit. */
    final TreeMap<String, String> files = new TreeMap<>();
    final List<String> orders = new ArrayList<>();
    final List<String> customers = new ArrayList<>();
    final LocalDateTime now = LocalDateTime.now();
    Random random;
    int nextOrder = 1;
    boolean brokenOrders;
    boolean extraCheck;
    int minAmount;
    int regionVariant;

    @Test
    void incrementalRunsPublishWhatFullRunsPublish() throws Exception {
        long seed = Long.getLong("session.property.seed", 1L);
        int steps = Integer.getInteger("session.property.steps", 30);
        random = new Random(seed);
        Path incremental = root.resolve("incremental");
        Path full = root.resolve("full");
        initial();
        List<String> history = new ArrayList<>();
        int succeeded = 0;
        int skippedSomething = 0;
        for (int step = 0; step <= steps; step++) {
            String edit = step == 0 ? "first run" : edit(incremental);
            if (step > 0 && random.nextInt(3) == 0) {
                edit += " + " + edit(incremental); // users change several things between runs
            }
            history.add(step + ": " + edit);
            write(incremental);
            write(full);
            if (edit.contains("touch")) {
                touch(incremental);
                touch(full);
            }
            if (edit.contains("kill")) {
                killPartWay(incremental);
            }
            Outcome inc = run(incremental, RunOptions.DEFAULTS.withThreads(2, false));
            Outcome all = run(full, RunOptions.DEFAULTS.withThreads(2, true));
            String context = "seed " + seed + ", after " + String.join(" | ", history);
            assertEquals(all.succeeded, inc.succeeded, "verdict; " + context + "\nincremental: " + inc.failure
                    + "\nfull: " + all.failure);
            assertEquals(all.failedChecks, inc.failedChecks, "failing checks; " + context);
            assertEquals(published(full), published(incremental), "published tables; " + context);
            succeeded += inc.succeeded ? 1 : 0;
            skippedSomething += inc.log.stream().anyMatch(l -> l.startsWith("skip ")) ? 1 : 0;
        }
        // Not vacuous: the sequence published often, and the incremental copy skipped work.
        assertEquals(true, succeeded >= steps / 4, succeeded + " successful runs of " + (steps + 1));
        assertEquals(true, skippedSomething >= steps / 4, skippedSomething + " runs skipped anything");
    }

    record Outcome(boolean succeeded, TreeSet<String> failedChecks, String failure, List<String> log) {
    }

    Outcome run(Path dir, RunOptions options) {
        List<String> log = new ArrayList<>();
        try {
            RunReport report = TestProjects.run(dir, Goal.RUN, null, null, options, log);
            return new Outcome(report.succeeded(), new TreeSet<>(), null, log);
        } catch (SessionException e) {
            return new Outcome(false, failed(log), e.getMessage(), log);
        }
    }

    /** The checks the log reports as FAILED, as subject/name. */
    static TreeSet<String> failed(List<String> log) {
        TreeSet<String> out = new TreeSet<>();
        for (String line : log) {
            String[] cells = line.replaceFirst("^WARN ", "").trim().split("\\s+");
            if (cells.length >= 6 && cells[0].equals("test") && cells[2].equals("FAILED")) {
                out.add(cells[1] + "/" + cells[cells.length - 1]);
            }
        }
        return out;
    }

    TreeMap<String, List<String>> published(Path dir) throws Exception {
        TreeMap<String, List<String>> out = new TreeMap<>();
        if (!Files.exists(dir.resolve("target/session.duckdb"))) {
            return out;
        }
        List<String> tables = TestProjects.query(dir, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'analytics' AND table_name NOT LIKE '%\\_\\_%' ESCAPE '\\' ORDER BY 1");
        for (String table : tables) {
            out.put(table, TestProjects.query(dir, "SELECT * FROM analytics." + table + " ORDER BY ALL"));
        }
        return out;
    }

    void initial() {
        for (int i = 1; i <= 6; i++) {
            customers.add(i + "," + (i % 2 == 0 ? "north" : "south"));
        }
        for (int i = 0; i < 20; i++) {
            orders.add(order(nextOrder++, 1 + random.nextInt(6)));
        }
        files.put("pipeline.yaml", descriptor());
        files.put("models/stg_orders.sql.mustache",
                "SELECT * FROM {{#source}}orders{{/source}} WHERE amount >= {{vars.min_amount}}");
        files.put("models/stg_customers.sql.mustache", "SELECT * FROM {{#source}}customers{{/source}}");
        files.put("models/customer_orders.sql.mustache", """
                SELECT o.order_id, o.customer_id, o.amount, o.ts, c.region
                FROM {{#ref}}stg_orders{{/ref}} AS o
                JOIN {{#ref}}stg_customers{{/ref}} AS c ON o.customer_id = c.customer_id
                """);
        regionTotals();
        files.put("checks/no_negative_totals.sql.mustache",
                "SELECT * FROM {{#ref}}region_totals{{/ref}} WHERE total < 0");
        csvs();
    }

    /** Orders are spread over the last three days, half an hour off each hour, so 36 h never falls on one. */
    String order(int id, int customer) {
        return id + "," + customer + "," + random.nextInt(40) + ","
                + now.minusHours(random.nextInt(72)).minusMinutes(30).format(TS);
    }

    String descriptor() {
        return """
                project: property
                vars:
                  min_amount: %d
                sources:
                  orders:
                    uri: data/orders.csv
                    table: orders
                    columns: {order_id: INTEGER, customer_id: INTEGER, amount: INTEGER, ts: TIMESTAMP}
                  customers:
                    uri: data/customers.csv
                    table: customers
                    columns: {customer_id: INTEGER, region: VARCHAR}
                models:
                  stg_orders:
                    checks:
                      - unique: [order_id]
                      - fresh: {column: ts, max_age: 36h}
                  stg_customers:
                    checks:
                      - unique: [customer_id]
                  customer_orders:
                    checks:
                      - relationships: {column: customer_id, to: stg_customers, field: customer_id}
                %s""".formatted(minAmount, extraCheck
                ? "      - accepted_values: {column: region, values: [north, south]}\n" : "");
    }

    void regionTotals() {
        String filter = regionVariant == 0 ? "" : "\nWHERE c.region <> 'west'";
        files.put("models/region_totals.sql.mustache", """
                -- variant %d
                SELECT c.region, COALESCE(SUM(o.amount), 0) AS total, COUNT(o.order_id) AS orders
                FROM {{#ref}}stg_customers{{/ref}} AS c
                LEFT JOIN {{#ref}}customer_orders{{/ref}} AS o ON o.customer_id = c.customer_id%s
                GROUP BY c.region
                """.formatted(regionVariant, filter));
    }

    void csvs() {
        files.put("data/customers.csv", "customer_id,region\n" + String.join("\n", customers) + "\n");
        String body = "order_id,customer_id,amount,ts\n" + String.join("\n", orders) + "\n";
        files.put("data/orders.csv", brokenOrders ? body + "0,1,5,not-a-time\n" : body);
    }

    /** One random edit to the project (the same for both copies); a kill applies to the incremental copy only. */
    String edit(Path incremental) {
        if (brokenOrders && random.nextInt(3) == 0) {
            brokenOrders = false;
            csvs();
            return "restore the broken orders file";
        }
        if (random.nextInt(3) == 0) {
            return repair();
        }
        int kind = random.nextInt(12);
        switch (kind) {
            case 0, 1 -> {
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    int customer = random.nextInt(5) == 0 ? 99 : 1 + random.nextInt(customers.size());
                    int id = random.nextInt(5) == 0 && !orders.isEmpty() ? Integer.parseInt(
                            orders.get(random.nextInt(orders.size())).split(",")[0]) : nextOrder++;
                    orders.add(order(id, customer));
                }
                csvs();
                return "insert " + n + " orders";
            }
            case 2 -> {
                int n = Math.min(orders.size(), 1 + random.nextInt(6));
                for (int i = 0; i < n; i++) {
                    orders.remove(random.nextInt(orders.size()));
                }
                csvs();
                return "delete " + n + " orders";
            }
            case 3 -> {
                if (orders.isEmpty()) {
                    return "nothing";
                }
                int i = random.nextInt(orders.size());
                String[] cells = orders.get(i).split(",");
                cells[2] = String.valueOf(random.nextInt(5) == 0 ? -500 : random.nextInt(40));
                orders.set(i, String.join(",", cells));
                csvs();
                return "change order " + cells[0] + " amount to " + cells[2];
            }
            case 4 -> {
                if (random.nextBoolean() && customers.size() > 3) {
                    customers.remove(random.nextInt(customers.size()));
                    csvs();
                    return "delete a customer";
                }
                int id = customers.size() + 1 + random.nextInt(3);
                customers.add(id + "," + (random.nextInt(4) == 0 ? "west" : "north"));
                csvs();
                return "insert customer " + id;
            }
            case 5 -> {
                brokenOrders = true;
                csvs();
                return "break a row of the orders file";
            }
            case 6 -> {
                regionVariant = 1 - regionVariant;
                regionTotals();
                return "edit region_totals' SQL";
            }
            case 7 -> {
                extraCheck = !extraCheck;
                files.put("pipeline.yaml", descriptor());
                return (extraCheck ? "add" : "remove") + " a check";
            }
            case 8 -> {
                minAmount = minAmount == 0 ? 10 : 0;
                files.put("pipeline.yaml", descriptor());
                return "set min_amount to " + minAmount;
            }
            case 9 -> {
                return "touch every file";
            }
            case 10 -> {
                return "kill a run part-way";
            }
            default -> {
                return "nothing";
            }
        }
    }

    /** Removes what makes checks fail (duplicate ids, unknown customers, negative amounts), as a user would. */
    String repair() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        customers.forEach(c -> known.add(c.split(",")[0]));
        List<String> kept = new ArrayList<>();
        for (String order : orders) {
            String[] cells = order.split(",");
            if (ids.add(cells[0]) && known.contains(cells[1])) {
                cells[2] = cells[2].startsWith("-") ? "1" : cells[2];
                kept.add(String.join(",", cells));
            }
        }
        orders.clear();
        orders.addAll(kept);
        csvs();
        return "repair the data";
    }

    void write(Path dir) throws IOException {
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            if (!Files.exists(path) || !Files.readString(path).equals(file.getValue())) {
                Files.writeString(path, file.getValue());
            }
        }
    }

    void touch(Path dir) throws IOException {
        for (String file : files.keySet()) {
            Files.setLastModifiedTime(dir.resolve(file), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        }
    }

    /** A run in a JVM of its own, killed (SIGKILL) after a random number of its progress lines. */
    void killPartWay(Path dir) throws Exception {
        int after = 1 + random.nextInt(8);
        Process run = TestProjects.javaProcess(RunInProcess.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream()))) {
            for (int seen = 0; seen < after && out.readLine() != null; seen++) {
                // read progress lines until the kill point
            }
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
