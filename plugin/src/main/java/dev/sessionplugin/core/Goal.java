package dev.sessionplugin.core;

/** What a run does; each goal is one Mojo. */
public enum Goal {
    /** Load the sources into staging tables. */
    STAGE,
    /** Build the selected models into shadow tables (the sources must be staged). */
    CTAS,
    /** Stage, build and check; publish nothing. What CI runs. */
    TEST,
    /** Publish shadows whose checks passed since they were built. */
    SWAP,
    /** Everything: stage, build, check and, only if every check passed, publish. */
    RUN,
    /** Write every statement a run would send, without connecting. */
    RENDER,
    /** Bind every model and check without data or account; write the catalog. */
    COMPILE,
    /** Compile, then run the models' unit tests on fixed rows. */
    UNIT,
    /** Export the published models as a Superset import bundle. */
    EXPORT_SUPERSET;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
