package dev.sessionplugin.core.superset;

/** The descriptor lines that ask for the WAU export, shared by tests outside this package. */
public final class SupersetExportTestSupport {

    public static final String SUPERSET = SupersetExportTest.SUPERSET;

    private SupersetExportTestSupport() {
    }
}
