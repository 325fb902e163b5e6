package org.ldapscim.bridge.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.metrics.BridgeMetrics;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Serves SCIM against the directory and journal database the configuration names. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve SCIM over the configured directory, journaling into the configured MariaDB.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        LoadedConfig loaded = ConfigLoader.load(config.file);
        var journalSettings = ConfigOption.journalSettings(loaded.bridge().journal());
        LdapConfig ldap = ConfigOption.requireLdap(loaded.bridge().ldap());
        Assembly.requireEncryptedPasswordWrites(MappingCompiler.compile(loaded.resources(), loaded.bridge().mappings()),
                loaded.bridge().mappings(), ldap);
        BridgeMetrics metrics = BridgeMetrics.start();
        DirectoryClient directory = DirectoryConnector.connect(ldap, metrics.directoryOperations());
        List<ResourceMapping> mappings;
        JournalDatabase journal;
        try {
            mappings = Assembly.mappings(loaded.resources(), loaded.bridge().mappings(), directory.schema());
            Assembly.requireEntriesExist(mappings, loaded.bridge().mappings(), directory);
            Assembly.requireDirectoryFeatures(mappings, loaded.bridge().mappings(), directory);
            Assembly.requireDeprovisionPolicies(mappings, loaded.bridge().mappings(), loaded.bridge().auth().clients(),
                    directory);
            journal = Assembly.openJournal(journalSettings, metrics);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        try {
            Assembly.reconcileJournal(mappings, directory, journal.store());
        } catch (RuntimeException e) {
            journal.close();
            directory.close();
            throw e;
        }
        ScimServer server = Assembly.start(loaded.bridge().server(), mappings, directory, journal,
                loaded.bridge().auth(), metrics);
        BackgroundJobs jobs;
        try {
            DirectoryWatcher watcher = Assembly.watcher(loaded.bridge().watch(), mappings, directory, journal,
                    String.join(" ", ldap.urls()));
            jobs = BackgroundJobs.start(loaded.bridge().journal(), journalSettings, mappings, directory, watcher,
                    Duration.ofSeconds(loaded.bridge().watch().intervalSeconds()));
            metrics.timeWrites(jobs.journal());
            if (watcher != null) {
                metrics.watchWatcher(watcher);
            }
        } catch (RuntimeException e) {
            server.close();
            journal.close();
            directory.close();
            throw e;
        }
        LOG.info("serving SCIM on {}://{}:{}{}", loaded.bridge().server().scheme(), loaded.bridge().server().host(),
                server.port(), ScimServer.PREFIX);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: requests in flight are answered and journaled first, then the background jobs end, and only
        // then go the journal and the directory the requests and jobs write to.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: answering the requests in flight (at most {} s), refusing new ones",
                    ScimServer.STOP_TIMEOUT.toSeconds());
            server.close();
            jobs.close();
            journal.close();
            directory.close();
            metrics.close();
            LOG.info("stopped");
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
