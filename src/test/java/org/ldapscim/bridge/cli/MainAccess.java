package org.ldapscim.bridge.cli;

/** Runs the command line as {@code main} does, without exiting, for tests outside this package. */
public final class MainAccess {
    private MainAccess() {
    }

    public static int execute(String... args) {
        return Main.commandLine().execute(args);
    }
}
