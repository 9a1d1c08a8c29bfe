package dev.sessionplugin.core.report;

/** Where progress lines go: Maven's log in the plugin, a list in tests. */
public interface Progress {

    void info(String line);

    void warn(String line);
}
