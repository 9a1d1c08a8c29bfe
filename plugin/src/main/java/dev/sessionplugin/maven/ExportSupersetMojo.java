package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes target/superset/&lt;project&gt;-superset.zip, a Superset v1 import bundle of the published models that ask
 * for it, and target/superset/wau.html plotting the same charts. session:run does this as its last step.
 */
@Mojo(name = "export-superset", threadSafe = true)
public class ExportSupersetMojo extends AbstractSessionMojo {

    @Override
    protected Goal goal() {
        return Goal.EXPORT_SUPERSET;
    }
}
