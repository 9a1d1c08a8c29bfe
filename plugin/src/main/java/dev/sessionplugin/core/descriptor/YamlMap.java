package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read key by key. Every accessor knows the file, line and dotted key path, so a wrong type, an
 * unknown key or a duplicate key becomes an error that points at the exact spot.
 */
final class YamlMap {

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(String file, String path, MappingNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                throw SessionException.config(at(file, key), "a key in " + where() + " is not a plain name",
                        "write keys as plain words, e.g. 'columns:'");
            }
            if (entries.putIfAbsent(scalar.getValue(), tuple) != null) {
                throw SessionException.config(at(file, key),
                        "duplicate key '" + child(scalar.getValue()) + "'",
                        "each name may appear once in " + where() + "; merge or rename the second one");
            }
        }
    }

    static YamlMap of(String file, String path, Node node) {
        if (node instanceof MappingNode mapping) {
            return new YamlMap(file, path, mapping);
        }
        throw SessionException.config(at(file, node), (path.isEmpty() ? "the file" : "'" + path + "'")
                + " must be a mapping of keys to values, found " + describe(node), "indent its keys under it");
    }

    static Location at(String file, Node node) {
        return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            case scalar -> isNull(node) ? "an empty value" : "the value '" + ((ScalarNode) node).getValue() + "'";
            default -> "an alias";
        };
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    Location location() {
        return at(file, node);
    }

    Location location(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? location() : at(file, tuple.getKeyNode());
    }

    String file() {
        return file;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String where() {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && !isNull(tuple.getValueNode());
    }

    Node node(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        Node value = node(key);
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw wrongType(key, "a text value");
    }

    String requiredString(String key, String example) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw SessionException.config(location(key), "'" + child(key) + "' is required",
                    "add it, e.g. '" + key + ": " + example + "'");
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw wrongType(key, "true or false");
        };
    }

    Optional<Long> number(String key) {
        String value = string(key, null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim().replace("_", "")));
        } catch (NumberFormatException e) {
            throw wrongType(key, "a whole number");
        }
    }

    Optional<YamlMap> map(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Node value = node(key);
        if (value.getNodeId() != NodeId.mapping) {
            throw wrongType(key, "a mapping (keys indented below it)");
        }
        return Optional.of(of(file, child(key), value));
    }

    List<Node> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        Node value = node(key);
        if (value instanceof SequenceNode seq) {
            return seq.getValue();
        }
        throw wrongType(key, "a list ('- item' lines or [a, b])");
    }

    /** A list of plain names, also accepting a single name written without brackets. */
    List<String> names(String key) {
        if (!has(key)) {
            return List.of();
        }
        Node value = node(key);
        if (value instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) {
            if (!(item instanceof ScalarNode scalar)) {
                throw SessionException.config(at(file, item), "'" + child(key) + "' must list plain names, found "
                        + describe(item), "write it as [a, b]");
            }
            out.add(scalar.getValue());
        }
        return out;
    }

    SessionException wrongType(String key, String expected) {
        return SessionException.config(at(file, node(key)), "'" + child(key) + "' must be " + expected
                + ", found " + describe(node(key)), "write it as " + expected + " (the sample project's "
                + "pipeline.yaml shows every key)");
    }

    /** Fails on the first key not in {@code allowed}, suggesting the closest allowed one. */
    void allowOnly(String... allowed) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                String close = known.stream().filter(k -> distance(k, key) <= 2).findFirst()
                        .map(k -> "did you mean '" + k + "'? ").orElse("");
                throw SessionException.config(location(key), "unknown key '" + child(key) + "'",
                        close + "known keys here: " + known.stream().collect(Collectors.joining(", ")));
            }
        }
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
