package org.sinkscope.app.cli;

/** The application's version, printed by --version and written into reports and figures. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
