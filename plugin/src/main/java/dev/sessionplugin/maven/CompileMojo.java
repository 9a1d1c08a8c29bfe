package dev.sessionplugin.maven;

import dev.sessionplugin.core.RunRequest;
import dev.sessionplugin.core.compile.Compilation;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Binds every model and check in an in-memory engine, without data or account, and writes
 * target/session/catalog.json: unknown columns and tables, type errors and checks on missing columns fail here,
 * each naming the model file and line.
 */
@Mojo(name = "compile", threadSafe = true, requiresProject = true)
public class CompileMojo extends AbstractInspectingMojo {

    public CompileMojo() {
        super("compile");
    }

    @Override
    protected void run(RunRequest request) {
        Compilation.run(request, new MavenProgress(getLog()));
    }
}
