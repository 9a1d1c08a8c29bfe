package dev.sessionplugin.maven;

import dev.sessionplugin.core.Inventory;
import dev.sessionplugin.core.RunRequest;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints rows of one model (-Dsession.select=model): its published table, its shadow, or the failing rows a check
 * kept — without a database client.
 */
@Mojo(name = "show", threadSafe = true, requiresProject = true)
public class ShowMojo extends AbstractInspectingMojo {

    public ShowMojo() {
        super("show");
    }

    /** {@code published}, {@code shadow}, or {@code audit:<check name>}. */
    @Parameter(property = "session.show", defaultValue = "published")
    private String show;

    /** How many rows to print. */
    @Parameter(property = "session.limit", defaultValue = "20")
    private int limit;

    @Override
    protected void run(RunRequest request) {
        Inventory.show(request, show, limit).forEach(getLog()::info);
    }
}
