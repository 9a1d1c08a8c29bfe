package dev.sessionplugin.core.compile;

import java.util.List;
import java.util.Map;

/**
 * What {@code session:compile} learned without data: every source's and model's columns with their types, each
 * model's materialization, upstream nodes and checks. Written to {@code target/session/catalog.json}.
 */
public record Catalog(Map<String, Node> sources, Map<String, Node> models) {

    /** A column as the engine typed it, with the descriptor's description where there is one. */
    public record Column(String name, String type, String description) {

        public Column(String name, String type) {
            this(name, type, null);
        }
    }

    /** A source or model. {@code file} is the model template (null for sources). */
    public record Node(String name, String relation, String file, String materialization, List<Column> columns,
                       List<String> upstream, List<String> checks) {
    }
}
