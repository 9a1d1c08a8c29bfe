package dev.sessionplugin.bench;

import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pipeline project of any number of models for the planning benchmark: model i reads model i-1 (chains), model
 * i/2 (fan-ins) and a source, through refs, as a real project's models would.
 */
public final class GeneratedProject {

    private GeneratedProject() {
    }

    public static Path write(Path dir, int models) throws IOException {
        TestProjects.write(dir, "pipeline.yaml", TestProjects.DESCRIPTOR.replace("models:\n  session_summary:",
                "models:\n  m_0:"));
        for (int i = 0; i < models; i++) {
            String sql;
            if (i == 0) {
                sql = "SELECT userId, sessionId, channel FROM {{#source}}user_session_channel{{/source}}";
            } else {
                sql = "-- model " + i + "\nSELECT a.userId, a.sessionId, b.channel\nFROM {{#ref}}m_" + (i - 1)
                        + "{{/ref}} AS a\nJOIN {{#ref}}m_" + (i / 2) + "{{/ref}} AS b USING (sessionId)\n"
                        + "WHERE a.sessionId IN (SELECT sessionId FROM {{#source}}session_timestamp{{/source}})";
            }
            TestProjects.write(dir, "models/m_" + i + ".sql.mustache", sql);
        }
        return dir;
    }

    /** {@code java ... GeneratedProject <dir> <models>}: writes a project to look at or time by hand. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
