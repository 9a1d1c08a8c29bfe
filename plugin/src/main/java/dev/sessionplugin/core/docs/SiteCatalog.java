package dev.sessionplugin.core.docs;

import java.util.List;
import java.util.Map;

/**
 * Everything the documentation site shows, as {@code target/session-docs/catalog.json} gives it to other tools and
 * as the site's own pages read it. Node ids are {@code source:<name>} and {@code model:<name>}.
 *
 * @param lastRun the goal, end and status of the run the results come from; null when nothing ran yet
 * @param notes   what could not be documented fully (a model that did not bind, a SELECT that did not parse)
 */
public record SiteCatalog(String project, String target, List<String> targets, LastRunSummary lastRun,
                          List<Node> nodes, List<String> notes) {

    public record LastRunSummary(String goal, String finishedAt, String status) {
    }

    /**
     * A source or model.
     *
     * @param relation  where it lives: a source's staging table, a model's published table or view (null when
     *                  ephemeral)
     * @param page      its page, relative to the site's root
     * @param sql       the rendered SELECT by target (models only)
     * @param upstream  node ids it reads, {@code downstream} node ids that read it
     * @param charts    Superset charts reading it
     */
    public record Node(String id, String kind, String name, String folder, List<String> tags, String description,
                       String file, String materialization, String relation, String page, List<Column> columns,
                       Map<String, String> sql, List<Check> checks, List<LastRun.Step> lastRun,
                       List<String> upstream, List<String> downstream, List<String> charts, String problem) {
    }

    /**
     * A column. {@code from} lists the columns it is computed from as {@code <node id>.<column>}; {@code traced}
     * false means it could not be followed (it reads something whose columns are unknown), so {@code from} may
     * be incomplete. Sources' columns have no lineage.
     */
    public record Column(String name, String type, String description, List<String> from, boolean traced) {
    }

    /** A declared check and its last result: passed, failed, warned, skipped, or "not run". */
    public record Check(String name, String status, Long failingRows, Long durationMs, String detail) {
    }
}
