package org.ldapscim.bridge.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import com.unboundid.ldif.LDIFException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.journal.AuthFailureRecord;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.JournalStore;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.scim.profile.IdpProfiles;

/**
 * The whole bridge as {@code demo} runs it, for end-to-end tests: the demo directory in a real UnboundID
 * in-memory server on a free port, the journal in a fresh real MariaDB database ({@link TestJournalDatabase}),
 * the demo mappings, and the HTTP server on a free port, wired by {@link Assembly}. Register it once per class;
 * it starts before the first test, puts the directory back to the demo entries, empties the journal and restarts
 * the HTTP server (on a new port) before each test, and stops everything after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BridgeUnderTest bridge = new BridgeUnderTest();
 *
 * @Test
 * void findsHelena() {
 *     ScimResponse found = bridge.get("/Users?filter=userName%20eq%20%22helena.marsh@example.com%22");
 *     assertEquals(1, found.json().get("totalResults").asInt());
 * }
 * }</pre>
 *
 * <p>Requests carry {@code Authorization: Bearer} {@link #TOKEN}, {@code Accept: application/scim+json} and,
 * with a body, {@code Content-Type: application/scim+json}; {@link ScimRequest} replaces or drops any of them.
 * Not thread-safe: one test at a time.
 */
public final class BridgeUnderTest implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    /** The token of the one configured client, {@value #CLIENT}. */
    public static final String TOKEN = TestSecret.E2E_TOKEN.value();
    public static final String CLIENT = "e2e";
    /** The token of the client {@code e2e-detected}, which has no profile configured: it is detected per request. */
    public static final String DETECTED_TOKEN = TestSecret.E2E_DETECTED_TOKEN.value();
    public static final String PEOPLE = "ou=people,dc=example,dc=com";
    public static final String GROUPS = "ou=groups,dc=example,dc=com";
    public static final String PLACEHOLDER = "cn=empty-group-placeholder,dc=example,dc=com";
    public static final String SCHEMA_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String SCHEMA_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String SCHEMA_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String SCHEMA_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SCHEMA_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String SCHEMA_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final DirectoryTraffic traffic = new DirectoryTraffic();
    private final DirectoryHooks hooks;
    private final ActiveDirectoryValueRanges valueRanges;
    private final ServerConfig serverConfig;
    private final AuthConfig extraAuth;
    private InMemoryDirectory directory;
    private InMemoryDirectoryServerSnapshot demoEntries;
    private TestJournalDatabase database;
    private JournalDatabase journal;
    private DirectoryClient client;
    private ScimServer server;
    private HttpClient http;
    private String baseUrl;

    /** The demo bridge with the default server settings, over a directory advertising every control it has. */
    public BridgeUnderTest() {
        this(new ServerConfig("127.0.0.1", 0, null, null, null, null), new DirectoryHooks());
    }

    /** The bridge with these server settings (limits, page size), on a free port whatever {@code server} says. */
    public BridgeUnderTest(ServerConfig server) {
        this(server, new DirectoryHooks());
    }

    /**
     * The bridge with these server settings, serving {@code auth}'s clients besides the default ones, with its
     * failure limit.
     */
    public BridgeUnderTest(ServerConfig server, AuthConfig auth) {
        this(server, new DirectoryHooks(), null, auth);
    }

    private BridgeUnderTest(ServerConfig server, DirectoryHooks hooks) {
        this(server, hooks, null);
    }

    private BridgeUnderTest(ServerConfig server, DirectoryHooks hooks, ActiveDirectoryValueRanges valueRanges) {
        this(server, hooks, valueRanges, new AuthConfig(List.of()));
    }

    private BridgeUnderTest(ServerConfig server, DirectoryHooks hooks, ActiveDirectoryValueRanges valueRanges,
                            AuthConfig extraAuth) {
        this.serverConfig = server.withPort(0);
        this.hooks = hooks;
        this.valueRanges = valueRanges;
        this.extraAuth = extraAuth;
    }

    /**
     * The demo bridge with these clients beside the default ones, e.g. clients with {@code scopes}; a test talks
     * to one through {@link #client(String)} with the token whose hash it configured.
     */
    public static BridgeUnderTest withClients(ClientConfig... clients) {
        return new BridgeUnderTest(new ServerConfig("127.0.0.1", 0, null, null, null, null), new DirectoryHooks(), null,
                new AuthConfig(List.of(clients)));
    }

    /** A SCIM client of the bridge that authenticates with {@code token}. */
    public ScimClient client(String token) {
        return new ScimClient(baseUrl, token);
    }

    /**
     * The demo bridge over a directory that sends {@code member} as AD does, at most {@code maxValRange} values
     * at a time (see {@link ActiveDirectoryValueRanges}).
     */
    public static BridgeUnderTest rangingValues(int maxValRange) {
        return new BridgeUnderTest(new ServerConfig("127.0.0.1", 0, null, null, null, null), new DirectoryHooks(),
                new ActiveDirectoryValueRanges(maxValRange));
    }

    /** The demo bridge over a directory whose root DSE does not advertise these controls (by OID). */
    public static BridgeUnderTest hidingControls(String... oids) {
        return new BridgeUnderTest(new ServerConfig("127.0.0.1", 0, null, null, null, null), new DirectoryHooks(oids));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts directory, journal and server; {@link #beforeAll} does this for a registered extension. */
    public void start() {
        if (valueRanges == null) {
            directory = InMemoryDirectory.startDemo(0, traffic, hooks);
        } else {
            directory = InMemoryDirectory.startDemo(0, traffic, hooks, valueRanges);
            valueRanges.serve(directory.server());
        }
        demoEntries = directory.server().createSnapshot();
        database = TestJournalDatabase.create();
        journal = JournalDatabase.open(database.settings());
        client = directory.client(4);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        startServer();
    }

    private void startServer() {
        // The default client is pinned to the lenient profile, so that tests of other behaviour see every IdP
        // shape absorbed and PATCH answered with the resource, whatever the request looks like.
        List<ClientConfig> clients = new ArrayList<>(List.of(
                new ClientConfig(CLIENT, List.of(TokenHash.of(TOKEN)), "lenient"),
                new ClientConfig(CLIENT + "-detected", List.of(TokenHash.of(DETECTED_TOKEN)))));
        for (String profile : IdpProfiles.names()) {
            clients.add(new ClientConfig(CLIENT + "-" + profile, List.of(TokenHash.of(tokenOf(profile))), profile));
        }
        clients.addAll(extraAuth.clients());
        server = Assembly.start(serverConfig, Assembly.demoMappings(), client, journal,
                new AuthConfig(clients, extraAuth.failureLimit()));
        baseUrl = "http://127.0.0.1:" + server.port() + ScimServer.PREFIX;
    }

    /**
     * The directory back to the demo entries, the journal empty, and a new HTTP server over them. The server is
     * restarted because the bridge caches what DNs name for a minute: entries that the snapshot takes away and a
     * later test makes again at the same DN, with a new entryUUID, would otherwise show their old ids.
     */
    public void reset() {
        traffic.stop();
        // Closed first, so that failed authentications it still journals in the background land before the truncate.
        server.close();
        directory.server().restoreSnapshot(demoEntries);
        executeOnJournal("TRUNCATE TABLE journal_entry");
        executeOnJournal("TRUNCATE TABLE watch_position");
        executeOnJournal("TRUNCATE TABLE auth_failure");
        startServer();
        hooks.reset();
    }

    /**
     * Another server over this bridge's directory and journal, with its own listener settings and clients, as
     * {@link Assembly#start} makes it; the test closes it.
     */
    public ScimServer startServer(ServerConfig settings, List<ClientConfig> clients) {
        return Assembly.start(settings, Assembly.demoMappings(), client, journal, new AuthConfig(clients, null));
    }

    /** A hook into the directory's next modify. */
    public DirectoryHooks hooks() {
        return hooks;
    }

    public void close() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (database != null) {
            database.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    /** The token of the client {@code e2e-<profile>}, which is configured with that IdP profile. */
    public static String tokenOf(String profile) {
        return "e2e-" + profile + "-token-5b8d0c2e71f4";
    }

    /** {@code http://127.0.0.1:<port>/scim/v2}. */
    public String baseUrl() {
        return baseUrl;
    }

    public InMemoryDirectoryServer directory() {
        return directory.server();
    }

    /** What the bridge asks of the directory, once a test calls {@link DirectoryTraffic#record()}. */
    public DirectoryTraffic traffic() {
        return traffic;
    }

    public JournalStore journal() {
        return journal.store();
    }

    /** A directory watcher over the bridge's directory and journal, not started: a test calls lookOnce. */
    public DirectoryWatcher watcher() {
        return DirectoryWatcher.create(Assembly.demoMappings(), client, journal.store(), journal.watchPositions(),
                "test", WatchConfig.Mechanism.auto);
    }

    /** The journaled failed authentications and lockouts, newest first. */
    public List<AuthFailureRecord> authFailures() {
        return journal.authFailures().find(JournalQuery.MAX_LIMIT, null, null, null);
    }

    public TestJournalDatabase journalDatabase() {
        return database;
    }

    /** Every journal entry, oldest first. */
    public List<JournalEntry> journalEntries() {
        List<JournalEntry> entries = new ArrayList<>(journal.store().find(new JournalQuery(JournalQuery.MAX_LIMIT, null)));
        Collections.reverse(entries);
        return entries;
    }

    /** Runs one SQL statement in the journal's database, as a test's way to break or inspect it. */
    public void executeOnJournal(String sql) {
        try (Connection connection = journal.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on the journal database: " + e.getMessage(), e);
        }
    }

    /** Runs SQL on the journal's server outside its database, e.g. to drop and recreate the database. */
    public void executeOnJournalServer(String sql) {
        String serverUrl = TestJournalDatabase.withDatabase(database.settings().jdbcUrl(), "");
        try (Connection connection = DriverManager.getConnection(serverUrl, database.settings().username(),
                database.settings().password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on the journal server: " + e.getMessage(), e);
        }
    }

    /** The name of the journal's database on its server. */
    public String journalDatabaseName() {
        String url = database.settings().jdbcUrl();
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        int options = url.indexOf('?', slash);
        return url.substring(slash + 1, options < 0 ? url.length() : options);
    }

    // ---- HTTP -------------------------------------------------------------------------------------------

    /** A request to {@code path} under {@code /scim/v2}, with the default headers. */
    public ScimRequest request(String method, String path) {
        return new ScimRequest(this, method, path);
    }

    public ScimResponse get(String path) {
        return request("GET", path).send();
    }

    public ScimResponse post(String path, String json) {
        return request("POST", path).body(json).send();
    }

    public ScimResponse put(String path, String json) {
        return request("PUT", path).body(json).send();
    }

    public ScimResponse patch(String path, String json) {
        return request("PATCH", path).body(json).send();
    }

    public ScimResponse delete(String path) {
        return request("DELETE", path).send();
    }

    ScimResponse send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return ScimClient.exchange(http, builder.build(), method + " " + path);
    }

    static Map<String, String> defaultHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + TOKEN);
        headers.put("Accept", "application/scim+json");
        return headers;
    }

    // ---- Directory --------------------------------------------------------------------------------------

    /** The DN the demo mapping gives a user: {@code uid=<userName>,ou=people,dc=example,dc=com}, escaped. */
    public static String userDn(String userName) {
        return childDn("uid", userName, PEOPLE);
    }

    /** The DN the demo mapping gives a group: {@code cn=<displayName>,ou=groups,dc=example,dc=com}, escaped. */
    public static String groupDn(String displayName) {
        return childDn("cn", displayName, GROUPS);
    }

    private static String childDn(String attribute, String value, String parent) {
        try {
            return new DN(new RDN(attribute, value), new DN(parent)).toString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException(parent, e);
        }
    }

    /** The entry at {@code dn} with all user and operational attributes, or null. */
    public SearchResultEntry entry(String dn) {
        try {
            return directory.server().getEntry(dn, "*", "+");
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn + ": " + e.getMessage(), e);
        }
    }

    /** The SCIM id (entryUUID) of the entry at {@code dn}; fails if there is none. */
    public String idOf(String dn) {
        SearchResultEntry entry = entry(dn);
        if (entry == null) {
            throw new AssertionError("no entry " + dn);
        }
        return entry.getAttributeValue("entryUUID");
    }

    /** The DN of the entry whose entryUUID is {@code id}, or null. */
    public String dnOfId(String id) {
        try {
            List<SearchResultEntry> found = directory.server().search("dc=example,dc=com", SearchScope.SUB,
                    Filter.createEqualityFilter("entryUUID", id), "1.1").getSearchEntries();
            return found.isEmpty() ? null : found.get(0).getDN();
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot search for " + id + ": " + e.getMessage(), e);
        }
    }

    /** How many entries under {@code base} match {@code filter}. */
    public int count(String base, String filter) {
        try {
            return directory.server().search(base, SearchScope.SUB, filter, "1.1").getEntryCount();
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot search " + base + " for " + filter + ": " + e.getMessage(), e);
        }
    }

    /** Every entry of the directory with all its attributes, operational ones included, by DN. */
    public Map<DN, Entry> allEntries() {
        try {
            Map<DN, Entry> entries = new LinkedHashMap<>();
            for (SearchResultEntry entry : directory.server().search("dc=example,dc=com", SearchScope.SUB,
                    "(objectClass=*)", "*", "+").getSearchEntries()) {
                entries.put(entry.getParsedDN(), new Entry(entry.getDN(), entry.getAttributes()));
            }
            return entries;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read the directory: " + e.getMessage(), e);
        }
    }

    /**
     * Adds an entry given as LDIF lines straight into the directory, for fixtures the bridge did not write.
     * Operational attributes such as {@code entryUUID} may be given; the directory generates them otherwise.
     */
    public void addEntry(String... ldifLines) {
        try {
            directory.server().add(new AddRequest(new Entry(ldifLines),
                    new Control[] {new IgnoreNoUserModificationRequestControl()}));
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("cannot add fixture " + ldifLines[0] + ": " + e.getMessage(), e);
        }
    }
}
