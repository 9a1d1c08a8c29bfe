package dev.sessionplugin.maven;

import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.unit.UnitTests;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compiles, then runs the models' unit tests (tests/&lt;model&gt;/&lt;case&gt;.yaml: given rows in, expected rows
 * out) in an in-memory engine, with no data and no account; writes TEST-session-unit.&lt;model&gt;.xml.
 */
@Mojo(name = "unit", threadSafe = true, requiresProject = true)
public class UnitMojo extends AbstractInspectingMojo {

    public UnitMojo() {
        super("unit");
    }

    @Override
    protected void run(RunRequest request) {
        UnitTests.run(request, new MavenProgress(getLog()));
    }
}
