package org.ldapscim.bridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ldapscim.bridge.config.BridgeConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.journal.AuthFailureRecord;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Origin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Prints journal entries, newest first, one JSON object per line. */
@Command(name = "journal", mixinStandardHelpOptions = true, subcommands = JournalPruneCommand.class,
        description = "Print journal entries as JSON lines, newest first.")
final class JournalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Inherited, so that it may follow the prune subcommand too.
    @Option(names = "--config", required = true, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The bridge configuration, e.g. /etc/ldap-scim-bridge/bridge.yaml")
    Path configFile;

    @Option(names = "--limit", defaultValue = "50", description = "How many entries (1-10000, default 50).")
    private int limit;

    @Option(names = "--resource", paramLabel = "ID", description = "Only entries of this SCIM id.")
    private String resource;

    @Option(names = "--client", paramLabel = "NAME", description = "Only entries of this client, as configured.")
    private String client;

    @Option(names = "--operation", paramLabel = "OP", description = "Only entries of this operation: ${COMPLETION-CANDIDATES}.")
    private Operation operation;

    @Option(names = "--since", paramLabel = "INSTANT",
            description = "Only entries that occurred at or after this ISO-8601 instant, e.g. 2026-12-04T10:00:00Z.")
    private Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Only entries that occurred before this ISO-8601 instant.")
    private Instant until;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "Only entries of this origin: ${COMPLETION-CANDIDATES} (DIRECTORY: seen by the watcher).")
    private Origin origin;

    @Option(names = "--auth-failures", description = "Print failed authentications and lockouts instead (with"
            + " --limit, --client, --since and --until).")
    private boolean authFailures;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > JournalQuery.MAX_LIMIT) {
            throw new ConfigException("--limit", "must be between 1 and " + JournalQuery.MAX_LIMIT, null);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ConfigException("--until", "must be after --since " + since, null);
        }
        if (authFailures && (resource != null || operation != null || origin != null)) {
            throw new ConfigException("--auth-failures", "takes no --resource, --operation or --origin",
                    "filter failed authentications by --client, --since and --until");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new ConfigException("--config", configFile + " does not exist", null);
        }
        BridgeConfig bridge = ConfigLoader.readBridge(configFile);
        try (JournalDatabase journal = JournalDatabase.open(ConfigOption.journalSettings(bridge.journal()))) {
            if (authFailures) {
                for (AuthFailureRecord failure : journal.authFailures().find(limit, client, since, until)) {
                    System.out.println(JSON.writeValueAsString(failure.toJson()));
                }
                return 0;
            }
            for (JournalEntry entry : journal.store().find(new JournalQuery(limit, resource, client, operation, since, until,
                    origin))) {
                System.out.println(JSON.writeValueAsString(entry.toJson()));
            }
        }
        return 0;
    }
}
