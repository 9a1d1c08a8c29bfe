package dev.sessionplugin.core.descriptor;

/** An error-level failure blocks every publish of the run; a warning is reported and publishing goes on. */
public enum Severity {
    ERROR, WARN
}
