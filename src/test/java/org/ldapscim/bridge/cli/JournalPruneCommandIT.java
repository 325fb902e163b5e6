package org.ldapscim.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.cli.CommandRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalIntent;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;

/** {@code journal prune}, as an operator runs it. */
class JournalPruneCommandIT {
    @AutoClose
    final TestJournalDatabase database = TestJournalDatabase.create();

    @TempDir
    Path temp;

    private DeprovisionRows rows;

    @BeforeEach
    void journalWithOldAndNewEntries() {
        rows = new DeprovisionRows(database.settings());
        try (JournalDatabase journal = JournalDatabase.open(database.settings())) {
            for (String account : new String[] {"old.one", "old.two", "kept.offboarded"}) {
                long id = journal.store().begin(new JournalIntent("req-" + account, "okta", "okta", Operation.CREATE,
                        "User", account, "uid=" + account + ",ou=people"));
                rows.execute("UPDATE journal_entry SET occurred_at = ? WHERE id = ?",
                        Instant.now().minus(100, ChronoUnit.DAYS), id);
            }
            journal.store().begin(new JournalIntent("req-new", "okta", "okta", Operation.CREATE, "User", "new.one",
                    "uid=new.one,ou=people"));
        }
        rows.insert("DEPROVISIONED", "User", "kept.offboarded", "uid=kept.offboarded,ou=quarantine", null);
    }

    @Test
    void dryRunCountsAndPruneDeletes() throws IOException {
        Path config = config("  retentionDays: 30\n");

        CommandRun dryRun = run("journal", "prune", "--config", config.toString(), "--dry-run");

        assertEquals(0, dryRun.exit(), dryRun.toString());
        assertTrue(dryRun.out().startsWith("would delete 2 journal entries and 0 closed offboarding records"), dryRun.out());
        assertEquals(4, rows.count("SELECT COUNT(*) FROM journal_entry"));

        CommandRun prune = run("journal", "prune", "--config", config.toString());

        assertEquals(0, prune.exit(), prune.toString());
        assertTrue(prune.out().startsWith("deleted 2 journal entries"), prune.out());
        assertEquals(2, rows.count("SELECT COUNT(*) FROM journal_entry"));
        assertEquals(1, rows.count("SELECT COUNT(*) FROM journal_entry WHERE resource_id = 'kept.offboarded'"));
    }

    @Test
    void withoutARetentionPeriodNothingIsPruned() throws IOException {
        CommandRun run = run("journal", "prune", "--config", config("").toString());

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("journal.retentionDays"), run.err());
        assertEquals(4, rows.count("SELECT COUNT(*) FROM journal_entry"));
    }

    private Path config(String extra) throws IOException {
        JournalSettings settings = database.settings();
        Path file = temp.resolve("bridge.yaml");
        Files.writeString(file, "journal:\n  jdbcUrl: \"" + settings.jdbcUrl() + "\"\n  username: \""
                + settings.username() + "\"\n" + (settings.password().isEmpty() ? ""
                : "  password: \"" + settings.password() + "\"\n") + extra);
        return file;
    }
}
