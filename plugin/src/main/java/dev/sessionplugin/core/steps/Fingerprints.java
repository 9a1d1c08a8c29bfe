package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.CustomCheck;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.CheckType;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.warehouse.Sql;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a staging table, a published model or a passed check was computed from, kept in the target so it is true
 * for whoever ran last. A source's fingerprint covers its files' bytes (or a remote object's version) and its
 * declared shape; a model's its canonical SQL and the fingerprints of everything it reads; a check's its definition
 * and the fingerprints of every relation it reads.
 *
 * <p>A fingerprint is null when it cannot be computed (a remote file of unknown version, a volatile model, a check
 * that reads the clock). Null means "changed": it never equals a recorded one, and it makes everything that reads
 * it null too.
 */
public final class Fingerprints {

    static final String SOURCE = "source";
    /** The size and CRC32C of each file a staging table holds (see {@link SourceScan}). */
    static final String EXTENTS = "extents";
    static final String MODEL = "model";
    static final String CHECK = "check";
    /** The SQL and settings a published table that keeps history was built with (see {@link #ofDefinition}). */
    static final String DEFINITION = "definition";

    /** SQL that reads the clock or a random generator: its result can change while its inputs do not. */
    private static final Pattern CLOCK = Pattern.compile("(?i)\\b(current_date|current_time|current_timestamp"
            + "|current_localtimestamp|localtimestamp|sysdate|getdate|now|today|random|uuid|gen_random_uuid)\\b");

    private final Warehouse warehouse;
    private final Statements st;

    public Fingerprints(Warehouse warehouse, Statements st) {
        this.warehouse = warehouse;
        this.st = st;
    }

    /** CRC32C of every local file's bytes, or a remote file's version, and the declared columns and format. */
    public static String ofSource(SourceSpec source, List<LocalFile> files) {
        return SourceScan.of(source, files, null, null).fingerprint();
    }

    /**
     * Each model's fingerprint, in build order: its canonical SQL plus the fingerprints of what it reads. Upstream
     * models not in {@code models} count with their recorded (published) fingerprint.
     */
    public static Map<String, String> ofModels(List<PlannedModel> models, Map<String, String> sources,
                                               Map<String, String> recorded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PlannedModel model : models) {
            if (model.spec().volatileResult()) {
                out.put(model.name(), null);
                continue;
            }
            StringBuilder text = new StringBuilder(model.canonical());
            boolean known = appendAll(text, "m", model.models(), name -> out.containsKey(name) ? out.get(name)
                    : recorded.get(name));
            known &= appendAll(text, "s", model.sources(), sources::get);
            out.put(model.name(), known ? sha256(text.toString()) : null);
        }
        return out;
    }

    /** A model's SQL (and batch SQL) with its materialization, without what it reads: what makes it the same model. */
    public static String ofDefinition(PlannedModel model) {
        return sha256(model.canonical());
    }

    /**
     * Each check's fingerprint, keyed by {@link #checkKey}: its definition and the fingerprints of every relation
     * it reads — its subject, the relation {@code relationships} points to, the published table {@code row_count}
     * compares with, the refs of a custom check.
     *
     * @param models the fingerprints models will have after this run (planned and recorded)
     * @param published the recorded fingerprints of the published tables
     */
    public static Map<String, String> ofChecks(Plan plan, Map<String, String> sources, Map<String, String> models,
                                               Map<String, String> published) {
        Map<String, String> out = new HashMap<>();
        for (SourceSpec source : plan.sources()) {
            for (CheckSpec check : source.checks()) {
                out.put(checkKey(source.name(), check.name()), ofBuiltIn(check, sources.get(source.name()), null,
                        sources, models));
            }
        }
        for (PlannedModel model : plan.models()) {
            for (CheckSpec check : model.spec().checks()) {
                out.put(checkKey(model.name(), check.name()), ofBuiltIn(check, models.get(model.name()),
                        published.get(model.name()), sources, models));
            }
        }
        for (CustomCheck check : plan.checks()) {
            StringBuilder text = new StringBuilder(check.canonical());
            boolean known = !CLOCK.matcher(check.canonical()).find();
            known &= appendAll(text, "m", check.models(), models::get);
            known &= appendAll(text, "s", check.sources(), sources::get);
            out.put(checkKey(check.subject(), check.name()), known ? sha256(text.toString()) : null);
        }
        return out;
    }

    static String ofBuiltIn(CheckSpec check, String subject, String publishedSubject,
                                    Map<String, String> sources, Map<String, String> models) {
        if (CheckType.of(check.type()).map(CheckType::readsTheClock).orElse(true) || subject == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(describe(check)).append("|self=").append(subject);
        if (check.params().get("to") instanceof String to) {
            String target = sources.containsKey(to) ? sources.get(to) : models.get(to);
            if (target == null) {
                return null;
            }
            text.append("|to=").append(target);
        }
        if (check.params().containsKey("within_percent")) {
            text.append("|published=").append(publishedSubject);
        }
        return sha256(text.toString());
    }

    public static String checkKey(String subject, String check) {
        return subject + "/" + check;
    }

    private static boolean appendAll(StringBuilder text, String tag, Collection<String> names,
                                     java.util.function.Function<String, String> fingerprint) {
        for (String name : new TreeSet<>(names)) {
            String value = fingerprint.apply(name);
            if (value == null) {
                return false;
            }
            text.append('|').append(tag).append(':').append(name).append('=').append(value);
        }
        return true;
    }

    public Map<String, String> recorded(String kind) {
        warehouse.update(sql("fingerprint_create", "fingerprints", Map.of()));
        Map<String, String> out = new HashMap<>();
        String prefix = kind + ":";
        for (Map<String, Object> row : warehouse.queryRows(sql("fingerprint_read", kind,
                Map.of("kind", st.dialect().literal(kind))), 10_000_000)) {
            Object node = Warehouse.value(row, "node");
            Object fingerprint = Warehouse.value(row, "fingerprint");
            if (node != null && fingerprint != null && String.valueOf(node).startsWith(prefix)) {
                out.put(String.valueOf(node).substring(prefix.length()), String.valueOf(fingerprint));
            }
        }
        return out;
    }

    /** Records what {@code node} now holds; a null fingerprint removes the record, so nothing stale can match. */
    public void record(String kind, String node, String fingerprint) {
        Map<String, String> one = new HashMap<>();
        one.put(node, fingerprint);
        record(kind, one);
    }

    /** {@link #record(String, String, String)} for many nodes of one kind, one statement per batch. */
    public void record(String kind, Map<String, String> fingerprints) {
        List<String> unknown = fingerprints.keySet().stream().filter(n -> fingerprints.get(n) == null).toList();
        forget(kind, unknown);
        List<String> known = fingerprints.keySet().stream().filter(n -> fingerprints.get(n) != null).toList();
        int n = 0;
        for (List<String> batch : Statements.batches(known)) {
            List<Map<String, Object>> rows = batch.stream().map(node -> Map.<String, Object>of(
                    "kind", st.dialect().literal(kind), "node", st.dialect().literal(kind + ":" + node),
                    "fingerprint", st.dialect().literal(fingerprints.get(node)))).toList();
            warehouse.update(sql("fingerprint_write", subject(kind, batch), Map.of("rows", Statements.rows(rows)))
                    .named(Statements.batchName("fingerprint_write", n++)));
        }
    }

    /** Before a node's content is replaced: until the new content is complete, nothing may claim to know it. */
    public void forget(String kind, String node) {
        forget(kind, List.of(node));
    }

    public void forget(String kind, Collection<String> nodes) {
        forget(kind, nodes, List.of());
    }

    /** {@link #forget(String, Collection)}, and {@code alsoKinds} of the same nodes in the same statements. */
    public void forget(String kind, Collection<String> nodes, List<String> alsoKinds) {
        int n = 0;
        for (List<String> batch : Statements.batches(nodes)) {
            List<String> named = new java.util.ArrayList<>();
            for (String k : java.util.stream.Stream.concat(java.util.stream.Stream.of(kind), alsoKinds.stream())
                    .toList()) {
                batch.forEach(node -> named.add(st.dialect().literal(k + ":" + node)));
            }
            warehouse.update(sql("fingerprint_forget", subject(kind, batch), Map.of("nodes",
                    Statements.listed(named, "node")))
                    .named(Statements.batchName("fingerprint_forget", n++)));
        }
    }

    /** One node's statements are filed under it; a batch's under the kind of node it records. */
    private static String subject(String kind, List<String> batch) {
        return batch.size() == 1 ? batch.get(0) : kind + "s";
    }

    private Sql sql(String template, String subject, Map<String, Object> values) {
        Map<String, Object> context = new HashMap<>(values);
        context.put("table", st.dialect().relation(st.schemas().meta(), "fingerprints"));
        return st.sql("meta", subject, template, context);
    }

    /** What a check asks, without where it is written: moving a check in the file changes nothing. */
    private static String describe(CheckSpec c) {
        return c.name() + ',' + c.type() + ',' + c.columns() + ',' + new TreeMap<>(c.params()) + ','
                + c.severity() + ',' + c.errorIf() + ',' + c.warnIf();
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
