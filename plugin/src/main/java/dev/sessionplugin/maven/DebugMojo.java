package dev.sessionplugin.maven;

import dev.sessionplugin.core.Diagnosis;
import dev.sessionplugin.core.RunRequest;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the descriptor, templates, credentials and the connection (database, warehouse, role, schemas) and says
 * what is wrong, without loading or building anything.
 */
@Mojo(name = "debug", threadSafe = true, requiresProject = true)
public class DebugMojo extends AbstractInspectingMojo {

    public DebugMojo() {
        super("debug");
    }

    @Override
    protected void run(RunRequest request) {
        Diagnosis.run(request).forEach(getLog()::info);
    }
}
