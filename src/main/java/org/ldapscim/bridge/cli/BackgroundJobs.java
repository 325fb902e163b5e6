package org.ldapscim.bridge.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ldapscim.bridge.config.JournalConfig;
import org.ldapscim.bridge.journal.DueDeprovisions;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalRetention;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.journal.LeaderJobRunner;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.service.Purger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's periodic jobs, each run by one instance of those sharing the journal database: the purger, the
 * directory watcher when it is enabled, and journal pruning when a retention period is set. They use a small pool of their own, so that neither they nor
 * SCIM requests wait for the other's connections. Public so that tests run several instances as serve does.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    public static final String PURGER = "purger";
    public static final String RETENTION = "journal-retention";
    public static final String WATCHER = "directory-watcher";
    static final Duration RETENTION_INTERVAL = Duration.ofHours(6);
    // A purge holds one connection for its claim while it journals on another; pruning uses a third.
    private static final int POOL_SIZE = 3;

    private final JournalDatabase database;
    private final LeaderJobRunner runner;

    private BackgroundJobs(JournalDatabase database, LeaderJobRunner runner) {
        this.database = database;
        this.runner = runner;
    }

    /**
     * Starts the jobs over the journal database {@code settings} name, as {@code journal} configures them, and
     * the directory watcher every {@code watchInterval} when there is one.
     */
    public static BackgroundJobs start(JournalConfig journal, JournalSettings settings, List<ResourceMapping> mappings,
                                       DirectoryClient directory, DirectoryWatcher watcher, Duration watchInterval) {
        JournalDatabase database = Assembly.openJournal(new JournalSettings(settings.jdbcUrl(), settings.username(),
                settings.password(), POOL_SIZE));
        try {
            return new BackgroundJobs(database, started(journal, settings, mappings, directory, database,
                    watcher, watchInterval));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static LeaderJobRunner started(JournalConfig journal, JournalSettings settings,
                                           List<ResourceMapping> mappings, DirectoryClient directory,
                                           JournalDatabase database, DirectoryWatcher watcher,
                                           Duration watchInterval) {
        LeaderJobRunner runner = new LeaderJobRunner(settings);
        runner.schedule(PURGER, Duration.ofSeconds(journal.purgeIntervalSeconds()),
                new Purger(new DueDeprovisions(database.dataSource()), database.store(), directory, mappings,
                        Clock.systemUTC()));
        if (journal.retentionDays() != null) {
            Duration retention = Duration.ofDays(journal.retentionDays());
            JournalRetention pruning = new JournalRetention(database.dataSource());
            runner.schedule(RETENTION, RETENTION_INTERVAL, () -> {
                JournalRetention.Pruned pruned = pruning.prune(Clock.systemUTC().instant().minus(retention));
                LOG.info("pruned {} journal entries, {} closed offboarding records and {} failed authentications older"
                        + " than {} days", pruned.journalEntries(), pruned.deprovisionRecords(), pruned.authFailures(),
                        retention.toDays());
            });
        }
        if (watcher != null) {
            // Two instances looking at once would journal each directory-side change twice.
            runner.schedule(WATCHER, watchInterval, watcher::lookOnce);
        }
        runner.start();
        return runner;
    }

    /** The journal the jobs write to, over their own pool. */
    public JournalStore journal() {
        return database.store();
    }

    /** Whether this instance ran {@code job} at its last turn: it holds the job's lock. */
    public boolean leads(String job) {
        return runner.leads(job);
    }

    /** Lets a running job finish, releases the jobs' locks, then closes their pool. */
    @Override
    public void close() {
        runner.close();
        database.close();
    }
}
