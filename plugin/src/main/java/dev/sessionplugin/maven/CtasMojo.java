package dev.sessionplugin.maven;

import dev.sessionplugin.core.Goal;

import org.apache.maven.plugins.annotations.Mojo;

/** Builds the selected models into shadow tables next to the published ones (sources must be staged). */
@Mojo(name = "ctas", threadSafe = true)
public class CtasMojo extends AbstractBuildingMojo {

    @Override
    protected Goal goal() {
        return Goal.CTAS;
    }
}
