package dev.sessionplugin.core.warehouse;

import dev.sessionplugin.core.Location;
import dev.sessionplugin.core.SessionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each statement to {@code target/session/rendered/} before it runs, so an error can point at the SQL. */
public final class RenderedFiles {

    private final Path dir;
    private final String display;

    /** @param display how the folder is shown to the user, e.g. {@code target/session/rendered} */
    public RenderedFiles(Path dir, String display) {
        this.dir = dir;
        this.display = display;
    }

    public String write(Sql sql) {
        Path file = dir.resolve(sql.relativePath());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql.text() + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SessionException.io(Location.of(display), "cannot write rendered SQL: " + e.getMessage(),
                    "check that the build directory is writable", e);
        }
        return displayOf(sql);
    }

    public String displayOf(Sql sql) {
        return display + "/" + sql.relativePath();
    }
}
