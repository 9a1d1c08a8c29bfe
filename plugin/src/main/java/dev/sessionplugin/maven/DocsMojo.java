package dev.sessionplugin.maven;

import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.docs.Docs;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the pipeline's documentation to target/session-docs/: index.html (the graph, opened from disk), a page per
 * source and model (columns, lineage, checks and their last results, SQL per target) and catalog.json. Offline.
 */
@Mojo(name = "docs", threadSafe = true, requiresProject = true)
public class DocsMojo extends AbstractInspectingMojo {

    public DocsMojo() {
        super("docs");
    }

    @Override
    protected void run(RunRequest request) {
        MavenProgress progress = new MavenProgress(getLog());
        Docs.Result result = Docs.generate(request);
        result.notes().forEach(note -> progress.warn("docs: " + note));
        progress.info(String.format("docs %d sources, %d models, %d columns (%d not fully traced) in %d ms %s -> %s",
                result.sources(), result.models(), result.columns(), result.untraced(), result.millis(),
                result.phases(), result.site().resolve("index.html")));
    }
}
