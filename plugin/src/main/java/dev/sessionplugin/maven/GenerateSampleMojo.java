package dev.sessionplugin.maven;

import dev.sessionplugin.core.sample.SampleData;

import java.io.File;
import java.io.IOException;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes deterministic sample CSVs ({@code user_session_channel.csv}, {@code session_timestamp.csv}) of any size,
 * e.g. {@code mvn session:generate-sample -Dsession.sample.sessions=10000000 -Dsession.sample.dir=target/big}.
 */
@Mojo(name = "generate-sample", requiresProject = false, threadSafe = true)
public class GenerateSampleMojo extends AbstractMojo {

    /** How many sessions to generate (1 to 10,000,000 and more). */
    @Parameter(property = "session.sample.sessions", defaultValue = "100000")
    private long sessions;

    /** Same seed, same bytes. */
    @Parameter(property = "session.sample.seed", defaultValue = "42")
    private long seed;

    /** Where to write the two files. */
    @Parameter(property = "session.sample.dir", defaultValue = "${project.build.directory}/sample-data")
    private File dir;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            long start = System.nanoTime();
            SampleData.Written w = SampleData.write(dir.toPath(), sessions, seed);
            getLog().info(String.format("sample   %,d channel rows, %,d timestamp rows, %,d bytes in %s (%.1f s)",
                    w.channelRows(), w.timestampRows(), w.bytes(), dir, (System.nanoTime() - start) / 1e9));
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("cannot write sample data to " + dir + ": " + e.getMessage(), e);
        }
    }
}
