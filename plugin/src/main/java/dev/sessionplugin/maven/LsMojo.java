package dev.sessionplugin.maven;

import dev.sessionplugin.core.Inventory;
import dev.sessionplugin.core.RunRequest;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Lists the selected models, their sources and checks (with -Dsession.select), as lines or JSON. */
@Mojo(name = "ls", threadSafe = true, requiresProject = true)
public class LsMojo extends AbstractInspectingMojo {

    public LsMojo() {
        super("ls");
    }

    /** {@code text} (one line per model, source and check) or {@code json}. */
    @Parameter(property = "session.format", defaultValue = "text")
    private String format;

    @Override
    protected void run(RunRequest request) {
        Inventory.list(request, "json".equalsIgnoreCase(format)).forEach(getLog()::info);
    }
}
