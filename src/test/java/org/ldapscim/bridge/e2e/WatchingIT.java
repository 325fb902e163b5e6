package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.cli.Assembly;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.config.MetricsConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.config.WatchConfig;
import org.ldapscim.bridge.http.ScimServer;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalSettings;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.ldap.DirectoryConnector;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.metrics.BridgeMetrics;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.HoldingLdapProxy;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TcpForwarder;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * /healthz, /readyz and /metrics of a bridge wired as serve wires it, over the demo directory behind a proxy that
 * can be cut, and a real MariaDB journal reached through a forwarder that can be cut too.
 */
class WatchingIT {
    private static final String TOKEN = TestSecret.WATCHING_TOKEN.value();
    private static final String SCRAPE_TOKEN = TestSecret.WATCHING_SCRAPE_TOKEN.value();
    private static final String CLIENT = "watching";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    /** The directory account the bridge binds as: a demo user given a password. */
    private static final String BIND_DN = BridgeUnderTest.userDn("helena.marsh@example.com");
    private static final String BIND_PASSWORD = TestSecret.WATCHING_BIND_PASSWORD.value();

    private InMemoryDirectory directory;
    private HoldingLdapProxy proxy;
    private TestJournalDatabase database;
    private TcpForwarder journalPath;
    private JournalDatabase journal;
    private DirectoryClient client;
    private BridgeMetrics metrics;
    private ScimServer server;
    private String root;

    @BeforeEach
    void start() throws IOException, LDAPException {
        directory = InMemoryDirectory.startDemo(0);
        directory.server().modify(BIND_DN, new Modification(ModificationType.REPLACE, "userPassword", BIND_PASSWORD));
        proxy = HoldingLdapProxy.to("127.0.0.1", directory.server().getListenPort());
        database = TestJournalDatabase.create();
        JournalSettings direct = database.settings();
        Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(direct.jdbcUrl());
        assertTrue(hostPort.find(), direct.maskedJdbcUrl());
        journalPath = TcpForwarder.to(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        JournalSettings forwarded = new JournalSettings(hostPort.replaceFirst("//127.0.0.1:" + journalPath.port() + "/"),
                direct.username(), direct.password());
        metrics = BridgeMetrics.start(Duration.ofMillis(200));
        journal = JournalDatabase.open(forwarded, metrics.journalPool());
        client = DirectoryConnector.connect(new LdapConfig(List.of(proxy.url()), null, BIND_DN, Secret.of(BIND_PASSWORD),
                1_000, 2_000, null, new LdapPoolConfig(4, 200, null, null), null, null), metrics.directoryOperations());
        startServer(MetricsConfig.defaults());
    }

    private void startServer(MetricsConfig access) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, null, null, null).withMetrics(access);
        server = Assembly.start(config, Assembly.demoMappings(), client, journal, new AuthConfig(
                List.of(new ClientConfig(CLIENT, List.of(TokenHash.of(TOKEN)), "lenient", Map.of("User", "offboard")))),
                metrics);
        root = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        client.close();
        journal.close();
        journalPath.close();
        database.close();
        proxy.close();
        directory.close();
        metrics.close();
    }

    private ScimClient scim() {
        return new ScimClient(root + ScimServer.PREFIX, TOKEN);
    }

    /** A caller with no valid client token: the watch endpoints need none. */
    private ScimResponse anonymous(String path) {
        return new ScimClient(root, "no-such-token").get(root + path);
    }

    private JsonNode ready(int status) {
        ScimResponse ready = anonymous("/readyz");
        assertEquals(status, ready.status(), ready.toString());
        assertTrue(ready.header("Content-Type").startsWith("application/json"), ready.toString());
        return ready.json();
    }

    @Test
    void healthzSaysUpWithoutAToken() {
        ScimResponse health = anonymous("/healthz");
        assertEquals(200, health.status(), health.toString());
        assertEquals("{\"status\":\"UP\"}", health.body());
        assertEquals(200, anonymous("/healthz/").status(), "the router ignores a trailing slash, so does the check");
    }

    @Test
    void readyzNamesTheDirectoryServerAndTurns503WhenTheDirectoryGoesAway() {
        JsonNode ready = ready(200);
        assertEquals("UP", ready.get("status").asText());
        assertEquals("127.0.0.1:" + proxy.url().substring(proxy.url().lastIndexOf(':') + 1),
                ready.at("/directory/server").asText());
        assertEquals("UP", ready.at("/journal/status").asText());

        proxy.close();
        Eventually.until(Duration.ofSeconds(20), "readyz answers 503", () -> anonymous("/readyz").status() == 503);
        JsonNode down = anonymous("/readyz").json();
        assertEquals("DOWN", down.get("status").asText());
        assertEquals("DOWN", down.at("/directory/status").asText());
        assertFalse(down.at("/directory/reason").asText().isEmpty(), down.toString());
        assertEquals("UP", down.at("/journal/status").asText());
    }

    @Test
    void readyzIs503WhileTheJournalIsUnreachable() throws IOException {
        ready(200);

        journalPath.close();
        Eventually.until(Duration.ofSeconds(20), "readyz answers 503", () -> anonymous("/readyz").status() == 503);
        JsonNode down = anonymous("/readyz").json();
        assertEquals("DOWN", down.at("/journal/status").asText());
        assertEquals("UP", down.at("/directory/status").asText());
        String body = down.toString();
        assertFalse(body.contains("jdbc") || body.contains(database.settings().username() + "@"), body);
    }

    @Test
    void metricsShowRequestsDirectoryJournalOffboardingsAndWatcher() {
        DirectoryWatcher watcher = Assembly.watcher(new WatchConfig(true, 60, WatchConfig.Mechanism.auto),
                Assembly.demoMappings(), client, journal, "watching-test");
        metrics.watchWatcher(watcher);
        watcher.lookOnce();
        String id = scim().post("/Users", """
                {"schemas": ["%s"], "userName": "watched.user@example.com"}""".formatted(USER)).expect(201)
                .get("id").asText();
        scim().get("/Users/" + id).expect(200);
        scim().get("/Users?filter=userName%20eq%20%22watched.user%40example.com%22").expect(200);
        scim().delete("/Users/" + id).expectNoContent();
        scim().get("/Users/" + id).expectError(404, null);
        watcher.lookOnce();

        String scrape = scrape();
        assertTrue(scrape.contains("scim_bridge_http_requests_seconds_bucket{client=\"" + CLIENT
                + "\",endpoint=\"/scim/v2/Users/{id}\",method=\"GET\",status=\"200\""), scrape);
        assertTrue(scrape.contains("endpoint=\"/scim/v2/Users\",method=\"POST\",status=\"201\""), scrape);
        assertTrue(scrape.contains("endpoint=\"/scim/v2/Users/{id}\",method=\"DELETE\",status=\"204\""), scrape);
        assertFalse(scrape.contains(id), "a resource id became a label value");
        assertFalse(scrape.contains("watched.user"), "a filter value became a label value");
        assertFalse(scrape.contains(BIND_PASSWORD));

        String server = "server=\"127.0.0.1:" + proxy.url().substring(proxy.url().lastIndexOf(':') + 1) + "\"";
        for (String operation : List.of("bind", "search", "add", "modify", "modifyDN")) {
            assertTrue(scrape.contains("ldap_operations_seconds_count{operation=\"" + operation
                    + "\",outcome=\"success\"," + server + "}"), operation + "\n" + scrape);
        }
        assertTrue(scrape.contains("ldap_pool_connections_max 4.0"), scrape);
        assertTrue(scrape.contains("ldap_pool_connections_in_use 0.0"), "no request is running: " + scrape);
        assertTrue(scrape.contains("ldap_pool_connections_available "), scrape);
        assertTrue(scrape.contains("hikaricp_connections_active{pool=\"journal\"}"), scrape);
        assertTrue(scrape.contains("scim_bridge_journal_writes_seconds_count{outcome=\"success\",write=\"begin\"}"), scrape);
        assertTrue(scrape.contains("scim_bridge_journal_writes_seconds_count{outcome=\"success\",write=\"complete\"}"), scrape);
        Eventually.until(Duration.ofSeconds(10), "the pending offboardings are counted", () -> {
            String now = scrape();
            return now.contains("scim_bridge_deprovisions_pending{state=\"awaiting_purge\"} 1.0")
                    && now.contains("scim_bridge_deprovisions_pending{state=\"held\"} 0.0");
        });
        assertTrue(Pattern.compile("(?m)^scim_bridge_watcher_since_caught_up_seconds \\d").matcher(scrape).find(), scrape);
        assertTrue(scrape.contains("scim_bridge_watcher_newest_change_age_seconds "), scrape);
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_uptime_seconds")) {
            assertTrue(scrape.contains(jvm), jvm);
        }
    }

    @Test
    void aWriteTheDirectoryNeverAnswersCountsAsNoResponse() throws InterruptedException {
        String helena = scim().get("/Users?filter=userName%20eq%20%22helena.marsh%40example.com%22&attributes=id")
                .expect(200).at("/Resources/0/id").asText();
        proxy.holdNextWrite(HoldingLdapProxy.Stage.REQUEST);
        ScimResponse unanswered = scim().patch("/Users/" + helena, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Held"}]}""");
        assertTrue(unanswered.status() >= 500, unanswered.toString());
        proxy.release(false);

        String scrape = scrape();
        assertTrue(scrape.contains("ldap_operations_seconds_count{operation=\"modify\",outcome=\"no_response\","),
                scrape);
        assertTrue(scrape.contains("ldap_pool_connections_in_use 0.0"), "the discarded connection is not in use: "
                + scrape);
    }

    private String scrape() {
        ScimResponse metricsPage = anonymous("/metrics");
        assertEquals(200, metricsPage.status(), metricsPage.toString());
        assertTrue(metricsPage.header("Content-Type").startsWith("text/plain"), metricsPage.toString());
        return metricsPage.body();
    }

    @Test
    void metricsAreRefusedToACallerNotAllowedAndServedWithTheScrapeToken() {
        server.close();
        startServer(new MetricsConfig(true, List.of("10.0.0.0/8"), TokenHash.of(SCRAPE_TOKEN)));

        assertEquals(403, anonymous("/metrics").status());
        assertEquals(403, new ScimClient(root, TOKEN).get(root + "/metrics").status(), "a client token is no scrape token");
        ScimResponse withToken = new ScimClient(root, SCRAPE_TOKEN).get(root + "/metrics");
        assertEquals(200, withToken.status(), withToken.toString());
        assertTrue(withToken.body().contains("scim_bridge_http_requests_seconds"), withToken.body());
        assertEquals(200, anonymous("/healthz").status(), "health stays open");
    }

    @Test
    void metricsCanBeSwitchedOff() {
        server.close();
        startServer(new MetricsConfig(false, null, null));
        assertEquals(404, anonymous("/metrics").status());
    }
}
