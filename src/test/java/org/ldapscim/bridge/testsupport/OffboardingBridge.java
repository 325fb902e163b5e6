package org.ldapscim.bridge.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.journal.DeprovisionRecords;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.service.DirectoryWatcher;

/**
 * The bridge as {@code serve} starts it from a {@code bridge.yaml} this class writes: a preset's mapping files with
 * a {@code deprovision} section added to users.yaml, a fresh journal database, and one client per entry of
 * {@code clients}, each token its name, each choosing its User policy. The same {@code bridge.yaml} serves the
 * {@code deprovision} command.
 */
public final class OffboardingBridge implements AutoCloseable {
    private final Path folder;
    private final TestJournalDatabase database;
    private final JournalDatabase journal;
    private final DirectoryClient directory;
    private final ScimServer server;
    private final List<ResourceMapping> mappings;

    private OffboardingBridge(Path folder, TestJournalDatabase database, JournalDatabase journal,
                              DirectoryClient directory, ScimServer server, List<ResourceMapping> mappings) {
        this.folder = folder;
        this.mappings = mappings;
        this.database = database;
        this.journal = journal;
        this.directory = directory;
        this.server = server;
    }

    /**
     * @param clients client name (also its token) to the User policy it follows
     */
    public static OffboardingBridge start(String preset, String deprovisionYaml, String url, String bindDn,
                                          String bindPassword, Map<String, String> clients) throws IOException {
        return start(preset, deprovisionYaml, url, bindDn, bindPassword, "", clients);
    }

    /** As above, with {@code ldapYaml} added to the ldap section (two-space indented lines, e.g. tls). */
    public static OffboardingBridge start(String preset, String deprovisionYaml, String url, String bindDn,
                                          String bindPassword, String ldapYaml, Map<String, String> clients)
            throws IOException {
        return start(preset, deprovisionYaml, url, bindDn, bindPassword, ldapYaml, clients, Map.of());
    }

    /**
     * As above, with {@code clientYaml} added to the entries of the clients it names (six-space indented lines,
     * e.g. {@code scopes}).
     */
    public static OffboardingBridge start(String preset, String deprovisionYaml, String url, String bindDn,
                                          String bindPassword, String ldapYaml, Map<String, String> clients,
                                          Map<String, String> clientYaml)
            throws IOException {
        Path folder = Files.createTempDirectory("offboarding-");
        Path presetFolder = OpenLdapServer.projectDir().resolve("config").resolve(preset);
        Files.writeString(folder.resolve("users.yaml"), Files.readString(presetFolder.resolve("users.yaml"))
                .replaceAll("(?ms)^deprovision:.*", "") + "\n" + deprovisionYaml);
        Files.copy(presetFolder.resolve("groups.yaml"), folder.resolve("groups.yaml"));
        TestJournalDatabase database = TestJournalDatabase.create();
        var settings = database.settings();
        StringBuilder yaml = new StringBuilder("ldap:\n  urls: [\"" + url + "\"]\n");
        if (bindDn != null) {
            yaml.append("  bindDn: \"").append(bindDn).append("\"\n  bindPassword: \"").append(bindPassword).append("\"\n");
        }
        yaml.append(ldapYaml);
        yaml.append("journal:\n  jdbcUrl: \"").append(settings.jdbcUrl()).append("\"\n  username: \"")
                .append(settings.username()).append("\"\n");
        if (!settings.password().isEmpty()) {
            yaml.append("  password: \"").append(settings.password()).append("\"\n");
        }
        yaml.append("auth:\n  clients:\n");
        clients.forEach((name, policy) -> yaml.append("    - name: ").append(name).append("\n      tokenHashes: [\"")
                .append(TokenHash.of(name)).append("\"]\n      profile: lenient\n")
                .append(policy == null ? "" : "      deprovision: {User: " + policy + "}\n")
                .append(clientYaml.getOrDefault(name, "")));
        yaml.append("mappings: [users.yaml, groups.yaml]\n");
        Files.writeString(folder.resolve("bridge.yaml"), yaml);
        LoadedConfig loaded = ConfigLoader.load(folder.resolve("bridge.yaml"));
        DirectoryClient directory = DirectoryConnector.connect(loaded.bridge().ldap());
        JournalDatabase journal = null;
        try {
            List<ResourceMapping> mappings = Assembly.mappings(loaded.resources(), loaded.bridge().mappings(),
                    directory.schema());
            List<ClientConfig> clientConfigs = loaded.bridge().auth().clients();
            Assembly.requireDeprovisionPolicies(mappings, loaded.bridge().mappings(), clientConfigs, directory);
            journal = JournalDatabase.open(settings);
            ScimServer server = Assembly.start(new ServerConfig("127.0.0.1", 0, null, null, null, null), mappings,
                    directory, journal, loaded.bridge().auth());
            return new OffboardingBridge(folder, database, journal, directory, server, mappings);
        } catch (RuntimeException e) {
            directory.close();
            if (journal != null) {
                journal.close();
            }
            database.close();
            throw e;
        }
    }

    /** The SCIM client whose token is {@code client}. */
    public ScimClient scim(String client) {
        return new ScimClient("http://127.0.0.1:" + server.port() + ScimServer.PREFIX, client);
    }

    /** A directory watcher over the bridge's directory and journal, not started, telling time by {@code clock}. */
    public DirectoryWatcher watcher(WatchConfig.Mechanism mechanism, Clock clock) {
        return DirectoryWatcher.create(mappings, directory, journal.store(), journal.watchPositions(), "test",
                mechanism, clock);
    }

    public Path bridgeYaml() {
        return folder.resolve("bridge.yaml");
    }

    public DirectoryClient directory() {
        return directory;
    }

    public JournalDatabase journal() {
        return journal;
    }

    public DeprovisionRecords records() {
        return new DeprovisionRecords(journal.dataSource());
    }

    @Override
    public void close() {
        server.close();
        directory.close();
        journal.close();
        database.close();
    }
}
