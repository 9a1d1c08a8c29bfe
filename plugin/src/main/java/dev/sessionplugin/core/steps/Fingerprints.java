package dev.sessionplugin.core.steps;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.Plan;
import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.descriptor.CheckSpec;
import dev.sessionplugin.core.descriptor.SourceSpec;
import dev.sessionplugin.core.dialect.Statements;
import dev.sessionplugin.core.extract.LocalFile;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * What a staging table or a published model was built from, kept in the target so it is true for whoever ran
 * last. A source's fingerprint covers its files' bytes and its declared shape; a model's covers its rendered SQL
 * and the fingerprints of everything it reads, so a change anywhere upstream changes it.
 */
public final class Fingerprints {

    static final String SOURCE = "source";
    static final String MODEL = "model";

    private final Warehouse warehouse;
    private final Statements st;

    public Fingerprints(Warehouse warehouse, Statements st) {
        this.warehouse = warehouse;
        this.st = st;
    }

    /** CRC32C of every file's bytes (hardware-accelerated, read in large blocks) and the declared columns. */
    public static String ofSource(SourceSpec source, List<LocalFile> files) {
        StringBuilder text = new StringBuilder(source.table()).append('|').append(source.columns()).append('|')
                .append(checks(source.checks()));
        for (LocalFile file : files) {
            if (file.path() == null) {
                return null; // read remotely by the engine: no content to hash, so always reload
            }
            CRC32C crc = new CRC32C();
            long size = 0;
            try (InputStream in = Files.newInputStream(file.path())) {
                byte[] block = new byte[1 << 20];
                for (int n; (n = in.read(block)) > 0; ) {
                    crc.update(block, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw SessionException.io(Location.of(file.display()), "cannot read: " + e.getMessage(), null, e);
            }
            text.append('|').append(file.display()).append(':').append(size).append(':').append(crc.getValue());
        }
        return sha256(text.toString());
    }

    /**
     * Each planned model's fingerprint, in build order: its SQL plus what it reads. Upstream models outside the
     * plan count with their recorded (published) fingerprint.
     */
    public static Map<String, String> ofModels(Plan plan, Map<String, String> sources, Map<String, String> recorded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PlannedModel model : plan.models()) {
            StringBuilder text = new StringBuilder(model.select()).append("|checks:")
                    .append(checks(model.spec().checks()));
            for (Plan.CustomCheck custom : plan.checks()) {
                if (custom.models().contains(model.name())) {
                    text.append("|custom:").append(custom.name()).append('=').append(custom.sql());
                }
            }
            for (String upstream : new TreeSet<>(model.models())) {
                text.append("|m:").append(upstream).append('=').append(out.getOrDefault(upstream,
                        recorded.getOrDefault(upstream, "?")));
            }
            for (String source : new TreeSet<>(model.sources())) {
                text.append("|s:").append(source).append('=').append(sources.getOrDefault(source, "?"));
            }
            out.put(model.name(), sha256(text.toString()));
        }
        return out;
    }

    public Map<String, String> recorded(String kind) {
        warehouse.update(sql("fingerprint_create", "fingerprints", Map.of()));
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> row : warehouse.queryRows(sql("fingerprint_read", kind,
                Map.of("kind", st.dialect().literal(kind))), 1_000_000)) {
            Object node = Warehouse.value(row, "node");
            Object fingerprint = Warehouse.value(row, "fingerprint");
            if (node != null && fingerprint != null) {
                out.put(String.valueOf(node), String.valueOf(fingerprint));
            }
        }
        return out;
    }

    public void record(String kind, String node, String fingerprint) {
        if (fingerprint == null) {
            return;
        }
        warehouse.update(sql("fingerprint_write", node, Map.of("kind", st.dialect().literal(kind),
                "node", st.dialect().literal(node), "fingerprint", st.dialect().literal(fingerprint))));
    }

    private dev.sessionplugin.core.warehouse.Sql sql(String template, String subject, Map<String, Object> values) {
        Map<String, Object> context = new HashMap<>(values);
        context.put("table", st.dialect().relation(st.schemas().meta(), "fingerprints"));
        return st.sql("meta", subject, template, context);
    }

    /** What a check asks, without where it is written: moving a check in the file changes nothing. */
    private static String checks(List<CheckSpec> checks) {
        StringBuilder text = new StringBuilder();
        for (CheckSpec c : checks) {
            text.append(c.name()).append(',').append(c.type()).append(',').append(c.columns()).append(',')
                    .append(new java.util.TreeMap<>(c.params())).append(',').append(c.severity()).append(',')
                    .append(c.errorIf()).append(',').append(c.warnIf()).append(';');
        }
        return text.toString();
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
