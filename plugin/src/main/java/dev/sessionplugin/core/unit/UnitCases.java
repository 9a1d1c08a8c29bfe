package dev.sessionplugin.core.unit;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code tests/<model>/*.yaml}. YAML is composed, not constructed, so every value stays the text it was
 * written as ({@code 2019-05-01 10:00:00} is not turned into a date) and a mistake is reported at its line.
 */
final class UnitCases {

    private UnitCases() {
    }

    static List<UnitCase> read(Path projectDir, Set<String> models) {
        Path tests = projectDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        List<UnitCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                String display = projectDir.relativize(f).toString().replace('\\', '/');
                String model = f.getParent().getFileName().toString();
                if (!models.contains(model)) {
                    throw SessionException.config(Location.of(display), "unit test for unknown model '" + model + "'",
                            "put it under tests/<model>/ for one of: " + String.join(", ", models));
                }
                cases.add(parse(f, display, model));
            }
        } catch (IOException e) {
            throw SessionException.io(Location.of("tests"), "cannot read the unit tests: " + e.getMessage(), null, e);
        }
        return cases;
    }

    private static UnitCase parse(Path file, String display, String model) throws IOException {
        Node root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw SessionException.config(Location.of(display, line), "invalid YAML: " + e.getProblem(),
                    "check the indentation and quoting around this line");
        }
        if (!(root instanceof MappingNode map)) {
            throw SessionException.config(Location.of(display), "a unit test is a mapping with given: and expect:",
                    "see the README's unit test example");
        }
        Map<String, List<Map<String, String>>> given = new LinkedHashMap<>();
        List<Map<String, String>> expect = null;
        boolean ordered = false;
        for (NodeTuple t : map.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            switch (key) {
                case "given" -> {
                    for (NodeTuple g : mapping(t.getValueNode(), display, "given").getValue()) {
                        given.put(((ScalarNode) g.getKeyNode()).getValue(), rows(g.getValueNode(), display));
                    }
                }
                case "expect" -> expect = rows(t.getValueNode(), display);
                case "ordered" -> ordered = Boolean.parseBoolean(((ScalarNode) t.getValueNode()).getValue());
                default -> throw SessionException.config(at(display, t.getKeyNode()), "unknown key '" + key + "'",
                        "a unit test has given:, expect: and optionally ordered:");
            }
        }
        if (expect == null) {
            throw SessionException.config(Location.of(display), "no expect: rows", "list the rows the model must "
                    + "return under expect: (an empty list [] for none)");
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return new UnitCase(model, name, display, given, expect, ordered);
    }

    private static MappingNode mapping(Node node, String display, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw SessionException.config(at(display, node), what + " must be a mapping", "e.g. given: {orders: [...]}");
    }

    private static List<Map<String, String>> rows(Node node, String display) {
        if (!(node instanceof SequenceNode seq)) {
            throw SessionException.config(at(display, node), "rows must be a list of mappings",
                    "e.g. - {sessionId: s1, channel: Direct}");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Node row : seq.getValue()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (NodeTuple cell : mapping(row, display, "a row").getValue()) {
                ScalarNode value = (ScalarNode) cell.getValueNode();
                values.put(((ScalarNode) cell.getKeyNode()).getValue(),
                        value.getTag().equals(Tag.NULL) ? null : value.getValue());
            }
            rows.add(values);
        }
        return rows;
    }

    private static Location at(String display, Node node) {
        return Location.of(display, node.getStartMark().getLine() + 1);
    }
}
