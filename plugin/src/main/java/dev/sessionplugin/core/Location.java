package dev.sessionplugin.core;

/** A place in a user's file, shown as {@code file:line:column}; line and column are 1-based, 0 when unknown. */
public record Location(String file, int line, int column) {

    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    public static Location of(String file, int line) {
        return new Location(file, line, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
