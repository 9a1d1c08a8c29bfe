package dev.sessionplugin.maven;

import dev.sessionplugin.core.report.Progress;

import org.apache.maven.plugin.logging.Log;

/** Progress lines to Maven's log. */
final class MavenProgress implements Progress {

    private final Log log;

    MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }
}
