package dev.sessionplugin.maven;

import dev.sessionplugin.core.CredentialSource;
import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.RunMode;
import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.docs.Docs;
import dev.sessionplugin.core.docs.SiteCatalog;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The pipeline as a page of {@code mvn site} ("Pipeline", under Project Reports): every model with its
 * materialization, columns and last check results, linking to the full documentation site (graph, lineage, SQL),
 * which is written beside it in {@code session-docs/}. Declare the plugin under {@code <reporting>} to get it.
 */
@Mojo(name = "pipeline-report", threadSafe = true, requiresProject = true)
public class PipelineReport extends AbstractMavenReport {

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /** The pipeline descriptor, relative to the project directory. */
    @Parameter(property = "session.descriptor", defaultValue = "pipeline.yaml")
    private String descriptor;

    /** The target whose SQL the pages show first: duckdb or snowflake; the descriptor's target by default. */
    @Parameter(property = "session.target")
    private String target;

    /** An environment of one's own: schemas get the suffix _{@code env}. */
    @Parameter(property = "session.env")
    private String env;

    /** Template variables replacing the descriptor's {@code vars:}: {@code since=2019-06-01,region=eu}. */
    @Parameter(property = "session.vars")
    private String vars;

    @Override
    public String getOutputName() {
        return "pipeline";
    }

    @Override
    public String getName(Locale locale) {
        return "Pipeline";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Sources, models, column lineage and check results of the data pipeline";
    }

    @Override
    public boolean canGenerateReport() {
        return basedir.toPath().resolve(descriptor).toFile().isFile();
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        RunRequest request = new RunRequest(Goal.RENDER, basedir.toPath(), Path.of(descriptor),
                buildDirectory.toPath(), target, null, null, pluginVersion,
                RunOptions.DEFAULTS.withCredentials(CredentialSource.environment(System.getenv())).withVars(vars), null,
                new RunMode(false, false, env));
        Docs.Result result;
        try {
            result = Docs.generate(request, getReportOutputDirectory().toPath().resolve("session-docs"));
        } catch (SessionException e) {
            throw new MavenReportException(e.getMessage(), e);
        }
        page(getSink(), result);
    }

    private static void page(Sink sink, Docs.Result result) {
        sink.head();
        sink.title();
        sink.text("Pipeline");
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text("Pipeline");
        sink.sectionTitle1_();
        sink.paragraph();
        sink.text(result.sources() + " sources and " + result.models() + " models. The graph, each model's page "
                + "with its column lineage and SQL: ");
        sink.link("session-docs/index.html");
        sink.text("the pipeline's documentation");
        sink.link_();
        sink.text(".");
        sink.paragraph_();
        sink.table();
        sink.tableRows(null, false);
        row(sink, true, "Model", "Materialization", "Published as", "Columns", "Checks (last run)");
        for (SiteCatalog.Node n : result.catalog().nodes()) {
            if ("model".equals(n.kind())) {
                row(sink, false, n.name(), n.materialization(), n.relation() == null ? "" : n.relation(),
                        String.valueOf(n.columns().size()), checks(n));
            }
        }
        sink.tableRows_();
        sink.table_();
        sink.section1_();
        sink.body_();
    }

    private static String checks(SiteCatalog.Node n) {
        return n.checks().stream().map(c -> c.name() + ": " + c.status()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static void row(Sink sink, boolean header, String... cells) {
        sink.tableRow();
        for (String cell : cells) {
            if (header) {
                sink.tableHeaderCell();
            } else {
                sink.tableCell();
            }
            sink.text(cell);
            if (header) {
                sink.tableHeaderCell_();
            } else {
                sink.tableCell_();
            }
        }
        sink.tableRow_();
    }
}
