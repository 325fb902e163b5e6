package org.ldapscim.bridge.cli;

import org.ldapscim.bridge.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ldap-scim-bridge} command: the composition root of the application. */
@Command(name = "ldap-scim-bridge", mixinStandardHelpOptions = true, version = "ldap-scim-bridge 0.1.0",
        description = "SCIM 2.0 provisioning into an LDAP directory or Active Directory.",
        subcommands = {DemoCommand.class, ServeCommand.class, CheckConfigCommand.class, JournalCommand.class,
                DeprovisionCommand.class, PreviewCommand.class,
                HashTokenCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException config) {
                cmd.getErr().println("configuration error: " + config.describe());
                return 2;
            }
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        });
    }
}
