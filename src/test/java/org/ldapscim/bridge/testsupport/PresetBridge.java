package org.ldapscim.bridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Origin;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.mapping.MappingCompiler;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * The bridge in front of a real directory through one of the shipped presets under {@code config/}: the
 * preset's {@code users.yaml} and {@code groups.yaml} checked against the live directory's schema, a fresh
 * journal database, and the HTTP server on a free port, with one {@code lenient} client. Close it after the
 * tests.
 *
 * <pre>{@code
 * bridge = PresetBridge.start("openldap", ldapConfig, "openldap-it-token");
 * bridge.scim().get("/Users").expect(200);
 * }</pre>
 */
public final class PresetBridge implements AutoCloseable {
    private final TestJournalDatabase database;
    private final JournalDatabase journal;
    private final DirectoryClient directory;
    private final ScimServer server;
    private final ScimClient scim;
    private final List<ResourceMapping> mappings;
    private final String baseUrl;

    private PresetBridge(TestJournalDatabase database, JournalDatabase journal, DirectoryClient directory,
                         ScimServer server, ScimClient scim, List<ResourceMapping> mappings, String baseUrl) {
        this.baseUrl = baseUrl;
        this.mappings = mappings;
        this.database = database;
        this.journal = journal;
        this.directory = directory;
        this.server = server;
        this.scim = scim;
    }

    public static PresetBridge start(String preset, LdapConfig ldap, String token) {
        return start(preset, ldap, token, UnaryOperator.identity());
    }

    /** As {@link #start(String, LdapConfig, String)}, with each mapping file changed by {@code adjust} first. */
    public static PresetBridge start(String preset, LdapConfig ldap, String token,
                                     UnaryOperator<ResourceMappingConfig> adjust) {
        Path folder = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        List<String> labels = List.of("users.yaml", "groups.yaml");
        return start(preset, labels.stream().map(label -> adjust.apply(ConfigLoader.readMapping(folder.resolve(label))))
                .toList(), ldap, token);
    }

    /**
     * As {@link #start(String, LdapConfig, String)}, with {@code others} (such as clients with scopes) beside the
     * lenient one; {@link #client} speaks for each.
     */
    public static PresetBridge withClients(String preset, LdapConfig ldap, String token, ClientConfig... others) {
        Path folder = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        return start(preset, List.of(ConfigLoader.readMapping(folder.resolve("users.yaml")),
                ConfigLoader.readMapping(folder.resolve("groups.yaml"))), ldap, token, List.of(others));
    }

    /** As {@link #start(String, LdapConfig, String)}, on the users.yaml and groups.yaml of a test's own folder. */
    public static PresetBridge start(Path folder, LdapConfig ldap, String token) {
        return start(folder.getFileName().toString(), List.of(ConfigLoader.readMapping(folder.resolve("users.yaml")),
                ConfigLoader.readMapping(folder.resolve("groups.yaml"))), ldap, token);
    }

    private static PresetBridge start(String preset, List<ResourceMappingConfig> configs, LdapConfig ldap,
                                      String token) {
        return start(preset, configs, ldap, token, List.of());
    }

    private static PresetBridge start(String preset, List<ResourceMappingConfig> configs, LdapConfig ldap,
                                      String token, List<ClientConfig> others) {
        List<ClientConfig> clients = new java.util.ArrayList<>();
        clients.add(new ClientConfig(preset + "-it", List.of(TokenHash.of(token)), "lenient"));
        clients.addAll(others);
        List<String> labels = List.of("users.yaml", "groups.yaml");
        Assembly.requireEncryptedPasswordWrites(MappingCompiler.compile(configs, labels), labels, ldap);
        DirectoryClient directory = DirectoryConnector.connect(ldap);
        TestJournalDatabase database = null;
        JournalDatabase journal = null;
        try {
            List<ResourceMapping> mappings = Assembly.mappings(configs, labels, directory.schema());
            Assembly.requireDirectoryFeatures(mappings, labels, directory);
            database = TestJournalDatabase.create();
            journal = JournalDatabase.open(database.settings());
            ScimServer server = Assembly.start(new ServerConfig("127.0.0.1", 0, null, null, null, null), mappings,
                    directory, journal, new AuthConfig(clients));
            String baseUrl = "http://127.0.0.1:" + server.port() + ScimServer.PREFIX;
            return new PresetBridge(database, journal, directory, server, new ScimClient(baseUrl, token), mappings,
                    baseUrl);
        } catch (RuntimeException e) {
            directory.close();
            if (journal != null) {
                journal.close();
            }
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    public ScimClient scim() {
        return scim;
    }

    /** A SCIM client of the bridge that authenticates with {@code token}, one of {@link #withClients}'s. */
    public ScimClient client(String token) {
        return new ScimClient(baseUrl, token);
    }

    /** The bridge's own directory connections, for tests that look at what the bridge sees. */
    public DirectoryClient directory() {
        return directory;
    }

    public JournalDatabase journal() {
        return journal;
    }

    /** The journal's entries about resource {@code id} that the directory watcher wrote. */
    public List<JournalEntry> directoryEntries(String id) {
        return journal.store().find(new JournalQuery(100, id, null, null, null, null, Origin.DIRECTORY));
    }

    /** The one entry the directory watcher wrote about resource {@code id}; fails the test on more or none. */
    public JournalEntry onlyDirectoryEntry(String id) {
        List<JournalEntry> entries = directoryEntries(id);
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }

    /** A directory watcher over the bridge's directory and journal, not started: a test calls lookOnce. */
    public DirectoryWatcher watcher(WatchConfig.Mechanism mechanism) {
        return DirectoryWatcher.create(mappings, directory, journal.store(), journal.watchPositions(), "test", mechanism);
    }

    /** As {@link #watcher(WatchConfig.Mechanism)}, telling the settle time of the bridge's writes by {@code clock}. */
    public DirectoryWatcher watcher(WatchConfig.Mechanism mechanism, java.time.Clock clock) {
        return DirectoryWatcher.create(mappings, directory, journal.store(), journal.watchPositions(), "test", mechanism,
                clock);
    }

    @Override
    public void close() {
        server.close();
        directory.close();
        journal.close();
        database.close();
    }
}
