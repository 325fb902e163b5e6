package org.ldapscim.bridge.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ldapscim.bridge.config.BridgeConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalRetention;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

/** Prunes the journal now, as the retention job does, or tells what that would remove. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete journal entries older than journal.retentionDays, keeping those of accounts still offboarded.")
final class JournalPruneCommand implements Callable<Integer> {

    @ParentCommand
    private JournalCommand journal;

    @Option(names = "--dry-run", description = "Only count what would be deleted.")
    private boolean dryRun;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(journal.configFile)) {
            throw new ConfigException("--config", journal.configFile + " does not exist", null);
        }
        BridgeConfig bridge = ConfigLoader.readBridge(journal.configFile);
        Integer days = bridge.journal() == null ? null : bridge.journal().retentionDays();
        if (days == null) {
            throw new ConfigException("journal.retentionDays", "no retention period is set, so the journal is kept forever",
                    "e.g. retentionDays: 400");
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(days));
        try (JournalDatabase database = Assembly.openJournal(ConfigOption.journalSettings(bridge.journal()))) {
            JournalRetention retention = new JournalRetention(database.dataSource());
            JournalRetention.Pruned pruned = dryRun ? retention.count(cutoff) : retention.prune(cutoff);
            System.out.println((dryRun ? "would delete " : "deleted ") + pruned.journalEntries()
                    + " journal entries and " + pruned.deprovisionRecords()
                    + " closed offboarding records from before " + cutoff + ", and " + pruned.authFailures()
                    + " failed authentications");
        }
        return 0;
    }
}
