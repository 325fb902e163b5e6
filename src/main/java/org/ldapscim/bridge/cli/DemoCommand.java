package org.ldapscim.bridge.cli;

import com.unboundid.ldap.sdk.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.JournalConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.EmbeddedMariaDb;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.metrics.BridgeMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default: an in-memory directory with the demo entries and an embedded MariaDB journal under
 * a data directory, so a restart keeps both the directory's content and the history.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bridge on an embedded demo directory and an embedded MariaDB journal.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> MAPPINGS = List.of("config/demo/users.yaml", "config/demo/groups.yaml");

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default 8080).")
    private int port;

    @Option(names = "--ldap-port", defaultValue = "0",
            description = "LDAP port of the demo directory on 127.0.0.1 (default: any free port).")
    private int ldapPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the journal and the directory's content are kept (default ~/.local/share/ldap-scim-bridge/demo).")
    private Path dataDir;

    @Option(names = "--reset", description = "Start from the shipped demo entries, forgetting earlier changes to them.")
    private boolean reset;

    @Option(names = "--empty", description = "Start from the directory's containers only, without the sample users and"
            + " groups (for test suites that expect an empty server); forgets earlier changes, as --reset does.")
    private boolean empty;

    @Option(names = "--profile", paramLabel = "NAME", description = "Pin the demo client's IdP profile (entra, okta,"
            + " onelogin, jumpcloud, google, pingone, strict, lenient); detected per request when absent.")
    private String profile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path data = dataDir != null ? dataDir
                : Path.of(System.getProperty("user.home"), ".local", "share", "ldap-scim-bridge", "demo");
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path savedDirectory = data.resolve("directory.ldif");
        InMemoryDirectory directory = InMemoryDirectory.start(InMemoryDirectory.DEMO_SUFFIX, ldapPort);
        if (empty) {
            directory.importResource(InMemoryDirectory.DEMO_LDIF, DemoCommand::isContainer);
        } else if (Files.isRegularFile(savedDirectory) && !reset) {
            directory.importFile(savedDirectory);
        } else {
            directory.importResource(InMemoryDirectory.DEMO_LDIF);
        }
        EmbeddedMariaDb database = EmbeddedMariaDb.start(data.resolve("journal"));
        BridgeMetrics metrics = BridgeMetrics.start();
        JournalDatabase journal = JournalDatabase.open(database.settings(), metrics.journalPool());
        List<ResourceMapping> mappings = Assembly.demoMappings();
        String token = token(data.resolve("demo-token"));
        DirectoryClient client = directory.client(4, metrics.directoryOperations());
        Assembly.reconcileJournal(mappings, client, journal.store());
        ScimServer server = Assembly.start(new ServerConfig("127.0.0.1", port, null, null, null, null), mappings, client,
                journal, new AuthConfig(List.of(new ClientConfig("demo", List.of(TokenHash.of(token)), profile,
                        Map.of("User", "offboard")))), metrics);
        // The in-memory change log starts again with each run (the saved entries are imported as adds), and nothing
        // changes the directory while the demo is down: each run watches from where its own log stands.
        WatchConfig watch = new WatchConfig(true, 10, WatchConfig.Mechanism.changelog);
        DirectoryWatcher watcher = Assembly.watcher(watch, mappings, client, journal,
                "demo " + directory.url() + " " + java.time.Instant.now());
        BackgroundJobs jobs = BackgroundJobs.start(new JournalConfig(null, null, null, null, null, null, null),
                database.settings(), mappings, client, watcher, java.time.Duration.ofSeconds(watch.intervalSeconds()));
        metrics.timeWrites(jobs.journal());
        metrics.watchWatcher(watcher);
        Path journalConfig = writeJournalConfig(data, database);
        printWelcome(server.port(), token, directory.url(), journalConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            jobs.close();
            directory.exportFile(savedDirectory);
            restrict(savedDirectory);
            client.close();
            directory.close();
            journal.close();
            database.close();
            metrics.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** The suffix, the people and groups containers and the empty-group placeholder: what no SCIM client sees. */
    private static boolean isContainer(Entry entry) {
        return !entry.hasObjectClass("inetOrgPerson") && !entry.hasObjectClass("groupOfNames");
    }

    /** The saved directory holds password hashes: its owner's eyes only. */
    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            System.err.println("warning: cannot restrict " + file + ": " + e.getMessage());
        }
    }

    /** The demo's token, made once and kept readable by its owner only. */
    private static String token(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String token = TokenHash.newToken();
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return token;
    }

    /** A configuration holding only the journal section, for {@code journal --config} while the demo runs. */
    private static Path writeJournalConfig(Path data, EmbeddedMariaDb database) throws IOException {
        Path file = data.resolve("journal.yaml");
        Files.writeString(file, "# Written by `demo` at each start: the embedded journal database while the demo runs.\n"
                + "journal:\n  jdbcUrl: \"" + database.settings().jdbcUrl() + "\"\n  username: \""
                + database.settings().username() + "\"\n", StandardCharsets.UTF_8);
        return file;
    }

    private static void printWelcome(int httpPort, String token, String ldapUrl, Path journalConfig) {
        String base = "http://127.0.0.1:" + httpPort + ScimServer.PREFIX;
        System.out.println();
        System.out.println("ldap-scim-bridge demo is running.");
        System.out.println("  SCIM base URL:  " + base);
        System.out.println("  bearer token:   " + token);
        System.out.println("  directory:      " + ldapUrl + " (dc=example,dc=com, anonymous access)");
        System.out.println("  try:            curl -H 'Authorization: Bearer " + token + "' '" + base
                + "/Users?filter=userName%20eq%20%22helena.marsh@example.com%22'");
        System.out.println("  journal:        java -jar target/ldap-scim-bridge.jar journal --config " + journalConfig);
        System.out.println("Stop with Ctrl-C; the directory's content and the journal are kept for the next start.");
        System.out.println();
    }
}
