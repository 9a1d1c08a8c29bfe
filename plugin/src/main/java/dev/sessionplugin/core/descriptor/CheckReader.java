package dev.sessionplugin.core.descriptor;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a {@code checks:} list. Each entry is a check word ({@code - no_duplicate_rows}), a word with its columns
 * ({@code - unique: [sessionId]}) or a word with a mapping of arguments
 * ({@code - accepted_values: {column: channel, values: [a, b], severity: warn}}).
 */
final class CheckReader {

    private static final Set<String> COMMON = Set.of("name", "columns", "column", "severity", "error_if", "warn_if");

    private CheckReader() {
    }

    /** @param knownColumns the columns a check may name, or null when they are known only once the model is built */
    static List<CheckSpec> read(YamlMap owner, String key, List<String> knownColumns) {
        List<CheckSpec> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node entry : owner.list(key)) {
            CheckSpec check = entry(owner.file(), owner.child(key), entry, knownColumns);
            if (!names.add(check.name())) {
                throw SessionException.config(check.location(), "two checks are named '" + check.name() + "'",
                        "give one of them a distinct 'name:'");
            }
            checks.add(check);
        }
        return List.copyOf(checks);
    }

    private static CheckSpec entry(String file, String path, Node entry, List<String> knownColumns) {
        Location at = YamlMap.at(file, entry);
        if (entry instanceof ScalarNode scalar) {
            return build(type(scalar.getValue(), at), List.of(), null, at, knownColumns);
        }
        if (!(entry instanceof MappingNode)) {
            throw SessionException.config(at, "a check in '" + path + "' must be a check word or 'word: arguments'",
                    "e.g. '- unique: [sessionId]' or '- no_duplicate_rows'");
        }
        YamlMap wrapper = YamlMap.of(file, path, entry);
        List<String> words = wrapper.keys().stream().filter(k -> CheckType.of(k).isPresent()).toList();
        if (words.size() > 1) {
            throw SessionException.config(at, "a check entry must have exactly one check word, found " + words,
                    "start each check with its own '- ' line");
        }
        String word = words.isEmpty() ? wrapper.keys().iterator().next() : words.get(0);
        CheckType type = type(word, wrapper.location(word));
        Node args = wrapper.node(word);
        boolean optionsBeside = wrapper.keys().size() > 1; // '- unique: [id]' then 'severity: warn' below it
        if (optionsBeside && !YamlMap.isNull(args) && !(args instanceof ScalarNode || args instanceof SequenceNode)) {
            throw SessionException.config(at, "check '" + word + "' has options both inside {...} and beside it",
                    "write them in one place, e.g. '- " + word + ": {column: id, severity: warn}'");
        }
        List<String> columns = YamlMap.isNull(args) || !(args instanceof ScalarNode || args instanceof SequenceNode)
                ? List.of() : wrapper.names(word);
        if (optionsBeside) {
            return build(type, columns, wrapper, at, knownColumns);
        }
        if (YamlMap.isNull(args) || args instanceof ScalarNode || args instanceof SequenceNode) {
            return build(type, columns, null, at, knownColumns);
        }
        return build(type, List.of(), wrapper.map(word).orElseThrow(), at, knownColumns);
    }

    private static CheckType type(String word, Location at) {
        String closest = CheckType.words().stream().min(java.util.Comparator.comparingInt(w -> YamlMap.distance(w, word)))
                .filter(w -> YamlMap.distance(w, word) <= 3).orElse(null);
        return CheckType.of(word).orElseThrow(() -> SessionException.config(at, "unknown check '" + word + "'"
                + (closest == null ? "" : "; did you mean '" + closest + "'?"), "built-in checks: "
                + String.join(", ", CheckType.words())
                + "; for your own SQL add checks/<name>.sql.mustache returning the failing rows"));
    }

    private static CheckSpec build(CheckType type, List<String> columns, YamlMap args, Location at,
                                   List<String> knownColumns) {
        Map<String, Object> params = new LinkedHashMap<>();
        Severity severity = Severity.ERROR;
        Threshold errorIf = Threshold.ANY;
        Threshold warnIf = Threshold.ANY;
        String name = null;
        if (args != null) {
            Set<String> allowed = new LinkedHashSet<>(COMMON);
            allowed.addAll(type.required());
            allowed.addAll(type.optional());
            Set<String> keys = new LinkedHashSet<>(allowed);
            keys.add(type.word()); // options written beside the check word
            args.allowOnly(keys.toArray(String[]::new));
            name = args.string("name", null);
            if (args.has("columns") || args.has("column")) {
                columns = args.has("columns") ? args.names("columns") : args.names("column");
            }
            severity = severity(args);
            if (args.has("error_if")) {
                errorIf = Threshold.parse(args.string("error_if", null), args.location("error_if"));
            }
            if (args.has("warn_if")) {
                warnIf = Threshold.parse(args.string("warn_if", null), args.location("warn_if"));
            }
            for (String param : allowed) {
                if (!COMMON.contains(param) && args.has(param)) {
                    params.put(param, args.node(param) instanceof SequenceNode ? args.names(param)
                            : args.string(param, null));
                }
            }
            for (String param : type.required()) {
                if (!params.containsKey(param)) {
                    throw SessionException.config(args.location(), "check '" + type.word() + "' needs '" + param + "'",
                            "add '" + param + ":' to its arguments");
                }
            }
        }
        if (type.needsColumns() && columns.isEmpty()) {
            throw SessionException.config(at, "check '" + type.word() + "' needs the column(s) it checks",
                    "e.g. '- " + type.word() + ": [sessionId]'");
        }
        if (!type.needsColumns() && !columns.isEmpty() && type != CheckType.NO_DUPLICATE_ROWS) {
            throw SessionException.config(at, "check '" + type.word() + "' takes no columns", null);
        }
        for (String column : columns) {
            Names.identifier(column, at, "column name");
            if (knownColumns != null && knownColumns.stream().noneMatch(column::equalsIgnoreCase)) {
                throw SessionException.config(at, "check '" + type.word() + "' names unknown column '" + column + "'",
                        "columns here: " + String.join(", ", knownColumns));
            }
        }
        validateParams(type, params, at);
        if (name == null) {
            name = columns.isEmpty() ? type.word() : type.word() + "_" + String.join("_", columns);
        }
        Names.identifier(name, at, "check name");
        return new CheckSpec(name, type.word(), List.copyOf(columns), Map.copyOf(params), severity, errorIf, warnIf,
                at);
    }

    private static Severity severity(YamlMap args) {
        String value = args.string("severity", "error");
        return switch (value) {
            case "error" -> Severity.ERROR;
            case "warn" -> Severity.WARN;
            default -> throw SessionException.config(args.location("severity"), "unknown severity '" + value + "'",
                    "use 'error' (blocks publishing) or 'warn' (reported only)");
        };
    }

    private static void validateParams(CheckType type, Map<String, Object> params, Location at) {
        for (String key : List.of("min", "max", "within_percent")) {
            Object value = params.get(key);
            if (value != null && !(value instanceof String s && s.matches("\\d+(\\.\\d+)?"))) {
                throw SessionException.config(at, "'" + key + "' of check '" + type.word() + "' must be a number",
                        null);
            }
        }
        if (type == CheckType.ROW_COUNT && params.isEmpty()) {
            throw SessionException.config(at, "check 'row_count' needs 'min', 'max' or 'within_percent'", null);
        }
        if (params.get("values") instanceof String single) {
            params.put("values", List.of(single));
        }
        Object to = params.get("to");
        if (to != null) {
            Names.identifier(String.valueOf(to), at, "relationship target");
        }
        Object field = params.get("field");
        if (field != null) {
            Names.identifier(String.valueOf(field), at, "relationship field");
        }
        Object maxAge = params.get("max_age");
        if (maxAge != null && !String.valueOf(maxAge).matches("\\d+\\s*(m|h|d)")) {
            throw SessionException.config(at, "bad max_age '" + maxAge + "'", "write a number and m, h or d, e.g. 36h");
        }
    }
}
