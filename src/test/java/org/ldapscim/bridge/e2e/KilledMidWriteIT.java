package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.HoldingLdapProxy;
import org.ldapscim.bridge.testsupport.HoldingLdapProxy.Stage;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.ServeConfigFile;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The packaged bridge ({@code serve}) in its own process over a real slapd, killed with SIGKILL in the middle of a
 * write: once after the intent is journaled and before slapd got the write (a proxy holds the request and then
 * drops it), once after slapd applied it and before the outcome is journaled (the proxy holds slapd's answer). The
 * bridge started again settles the entry at start-up, and the journal then says what slapd holds: created or not,
 * modified or not, deleted or not, and no entry stays PENDING. A second bridge starting while the first has a write
 * in flight leaves that write alone.
 */
class KilledMidWriteIT {
    private static final String TOKEN = TestSecret.KILLED_MID_WRITE_TOKEN.value();
    private static final String PEOPLE = "ou=people,dc=example,dc=com";

    @RegisterExtension
    static final OpenLdapServer slapd = new OpenLdapServer(4);

    private static TestJournalDatabase database;
    private static JournalDatabase journal;
    private static HoldingLdapProxy proxy;
    private static Path config;
    private static ServeProcess bridge;

    @BeforeAll
    static void start() throws IOException {
        database = TestJournalDatabase.create();
        journal = JournalDatabase.open(database.settings());
        URI ldap = URI.create(slapd.url());
        proxy = HoldingLdapProxy.to(ldap.getHost(), ldap.getPort());
        config = ServeConfigFile.write("openldap", List.of("urls: [\"" + proxy.url() + "\"]",
                "bindDn: \"" + slapd.bridgeBindDn() + "\"", "bindPassword: \"" + slapd.bridgeBindPassword() + "\"",
                "responseTimeoutMillis: 120000"), database.settings(), "killed-mid-write-it", TOKEN, "");
        bridge = ServeProcess.start(config);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (bridge != null) {
            bridge.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aCreateKilledBeforeTheDirectoryGotItIsFailed() throws Exception {
        JournalEntry entry = killedDuring(Stage.REQUEST, scim -> scim.post("/Users", user("killed.before")));
        assertEquals(Operation.CREATE, entry.operation());
        assertNull(slapd.entry("uid=killed.before," + PEOPLE), "slapd never got the add");
        assertSettled(entry, Outcome.FAILED);
        assertNull(entry.resourceId());
    }

    @Test
    void aCreateKilledAfterTheDirectoryAppliedItIsSucceededWithItsId() throws Exception {
        JournalEntry entry = killedDuring(Stage.RESPONSE, scim -> scim.post("/Users", user("killed.after")));
        SearchResultEntry created = slapd.entry("uid=killed.after," + PEOPLE);
        assertNotNull(created, "slapd applied the add");
        assertSettled(entry, Outcome.SUCCEEDED);
        assertEquals(created.getAttributeValue("entryUUID"), entry.resourceId());
    }

    @Test
    void aPatchKilledBeforeTheDirectoryGotItIsFailed() throws Exception {
        JournalEntry entry = killedDuring(Stage.REQUEST, scim -> scim.patch("/Users/"
                + OpenLdapServer.seededId("seed0001"), retitle("Never Appointed")));
        assertNotEquals("Never Appointed", slapd.entry("uid=seed0001," + PEOPLE).getAttributeValue("title"));
        assertSettled(entry, Outcome.FAILED);
    }

    @Test
    void aPatchKilledAfterTheDirectoryAppliedItIsSucceeded() throws Exception {
        JournalEntry entry = killedDuring(Stage.RESPONSE, scim -> scim.patch("/Users/"
                + OpenLdapServer.seededId("seed0002"), retitle("Appointed Anyway")));
        assertEquals("Appointed Anyway", slapd.entry("uid=seed0002," + PEOPLE).getAttributeValue("title"));
        assertSettled(entry, Outcome.SUCCEEDED);
    }

    @Test
    void aDeleteKilledBeforeTheDirectoryGotItIsFailed() throws Exception {
        JournalEntry entry = killedDuring(Stage.REQUEST, scim -> scim.delete("/Users/"
                + OpenLdapServer.seededId("seed0003")));
        assertEquals(Operation.DELETE, entry.operation());
        assertNotNull(slapd.entry("uid=seed0003," + PEOPLE), "slapd never got the delete");
        assertSettled(entry, Outcome.FAILED);
    }

    @Test
    void aDeleteKilledAfterTheDirectoryAppliedItIsSucceeded() throws Exception {
        JournalEntry entry = killedDuring(Stage.RESPONSE, scim -> scim.delete("/Users/"
                + OpenLdapServer.seededId("seed0004")));
        assertNull(slapd.entry("uid=seed0004," + PEOPLE), "slapd applied the delete");
        assertSettled(entry, Outcome.SUCCEEDED);
    }

    @Test
    void aBridgeStartingUpLeavesAnotherRunningBridgesWriteInFlightAlone() throws Exception {
        proxy.holdNextWrite(Stage.REQUEST);
        ScimClient scim = new ScimClient(bridge.baseUrl(), TOKEN);
        CompletableFuture<ScimResponse> create = CompletableFuture.supplyAsync(
                () -> scim.post("/Users", user("in.flight")));
        assertTrue(proxy.awaitHeld(60), "the create reached the directory proxy");
        JournalEntry inFlight = newest();
        assertEquals(Outcome.PENDING, inFlight.outcome());

        try (ServeProcess second = ServeProcess.start(config)) {
            assertEquals(Outcome.PENDING, entry(inFlight.id()).outcome(),
                    "the second bridge's start-up did not take the first's write for an abandoned one: "
                            + second.output());
        }
        proxy.release(true);
        String id = create.get().expect(201).get("id").asText();
        JournalEntry completed = entry(inFlight.id());
        assertEquals(Outcome.SUCCEEDED, completed.outcome());
        assertEquals(id, completed.resourceId());
        assertNull(completed.detail(), "completed by the bridge that made it, not reconciled");
    }

    /**
     * Sends the write to the running bridge, kills the bridge with the write held at {@code stage}, lets the write
     * go (sent on only if it had reached the directory), starts the bridge again and answers the write's entry.
     */
    private static JournalEntry killedDuring(Stage stage, Function<ScimClient, ScimResponse> write) throws Exception {
        proxy.holdNextWrite(stage);
        ScimClient scim = new ScimClient(bridge.baseUrl(), TOKEN);
        CompletableFuture.runAsync(() -> {
            try {
                write.apply(scim);
            } catch (RuntimeException killed) {
                // The bridge dies with the request open: the client sees the connection drop.
            }
        });
        assertTrue(proxy.awaitHeld(60), "the write reached the directory proxy: " + bridge.output());
        JournalEntry intent = newest();
        assertEquals(Outcome.PENDING, intent.outcome(), "the intent is journaled before the write is sent");
        bridge.kill();
        proxy.release(false);
        bridge = ServeProcess.start(config);
        JournalEntry settled = entry(intent.id());
        String line = "journal entry " + intent.id() + " ";
        String logged = bridge.output().stream().filter(l -> l.contains(line) && l.contains("was PENDING, now "
                + settled.outcome())).findFirst().orElse(null);
        assertNotNull(logged, "start-up logs the entry it settled: " + bridge.output());
        System.out.printf("killed with the %s held; after the restart: %s%n", stage, logged);
        return settled;
    }

    private static void assertSettled(JournalEntry entry, Outcome expected) {
        assertEquals(expected, entry.outcome(), entry.toJson().toString());
        assertTrue(entry.detail().startsWith("reconciled at start-up: "), entry.detail());
        assertNotNull(entry.completedAt());
        List<JournalEntry> pending = journal.store().find(new JournalQuery(1000, null)).stream()
                .filter(e -> e.outcome() == Outcome.PENDING).toList();
        assertEquals(List.of(), pending, "no entry stays PENDING after the restart");
    }

    private static JournalEntry newest() {
        return journal.store().find(new JournalQuery(1, null)).get(0);
    }

    private static JournalEntry entry(long id) {
        return journal.store().find(new JournalQuery(1000, null)).stream().filter(e -> e.id() == id).findFirst()
                .orElseThrow();
    }

    private static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",\
                "name":{"familyName":"Killed"},"title":"Intended"}""".formatted(userName);
    }

    private static String retitle(String title) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],\
                "Operations":[{"op":"replace","path":"title","value":"%s"}]}""".formatted(title);
    }
}
