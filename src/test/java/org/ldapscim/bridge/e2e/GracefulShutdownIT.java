package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.Eventually;
import org.ldapscim.bridge.testsupport.HoldingLdapProxy;
import org.ldapscim.bridge.testsupport.HoldingLdapProxy.Stage;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.ServeConfigFile;
import org.ldapscim.bridge.testsupport.ServeProcess;
import org.ldapscim.bridge.testsupport.TestJournalDatabase;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The packaged bridge ({@code serve}) stopped with SIGTERM, as systemd stops it, while a create is in flight (a
 * proxy holds it on its way to the directory): the bridge refuses new connections (and answers 503 to a request on
 * one already open), answers the create once
 * the directory does, journals its outcome and only then exits, cleanly.
 */
class GracefulShutdownIT {
    private static final String TOKEN = TestSecret.GRACEFUL_SHUTDOWN_TOKEN.value();

    private InMemoryDirectory directory;
    private HoldingLdapProxy proxy;
    private TestJournalDatabase database;
    private ServeProcess bridge;

    @BeforeEach
    void start() throws Exception {
        directory = InMemoryDirectory.startDemo(0);
        proxy = HoldingLdapProxy.to("127.0.0.1", directory.port());
        database = TestJournalDatabase.create();
        Path config = ServeConfigFile.write("demo", List.of("urls: [\"" + proxy.url() + "\"]"), database.settings(),
                "graceful-shutdown-it", TOKEN, "");
        bridge = ServeProcess.start(config);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (bridge != null) {
            bridge.close();
        }
        proxy.close();
        database.close();
        directory.close();
    }

    @Test
    void aCreateInFlightAtSigtermIsAnsweredAndJournaledBeforeTheBridgeExits() throws Exception {
        proxy.holdNextWrite(Stage.REQUEST);
        ScimClient scim = new ScimClient(bridge.baseUrl(), TOKEN);
        CompletableFuture<ScimResponse> create = CompletableFuture.supplyAsync(() -> scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"held.through.sigterm",\
                "name":{"familyName":"Sigterm"},"password":"%s"}""".formatted(
                TestSecret.GRACEFUL_SHUTDOWN_USER_PASSWORD.value())));
        assertTrue(proxy.awaitHeld(60), "the create reached the directory proxy: " + bridge.output());

        bridge.terminate();
        Eventually.until(Duration.ofSeconds(15), "the stopping bridge refuses new requests",
                () -> refused(scim));
        proxy.release(true);

        String id = create.get(60, TimeUnit.SECONDS).expect(201).get("id").asText();
        int exit = bridge.awaitExit();
        assertTrue(exit == 0 || exit == 143, "exit code " + exit + ": " + bridge.output());
        assertTrue(bridge.output().stream().anyMatch(line -> line.contains("INFO") && line.endsWith("- stopped")),
                "the shutdown ran to its end: " + bridge.output());
        bridge = null;

        Entry created = directory.server().getEntry("uid=held.through.sigterm,ou=people,dc=example,dc=com", "entryUUID");
        assertNotNull(created, "the directory holds the created entry");
        assertEquals(id, created.getAttributeValue("entryUUID"));
        try (JournalDatabase journal = JournalDatabase.open(database.settings())) {
            List<JournalEntry> entries = journal.store().find(new JournalQuery(100, null));
            JournalEntry journaled = entries.stream().filter(e -> e.operation() == Operation.CREATE).findFirst()
                    .orElseThrow(() -> new AssertionError("no create journaled: " + entries));
            assertEquals(Outcome.SUCCEEDED, journaled.outcome(), journaled.toJson().toString());
            assertEquals(id, journaled.resourceId());
            assertEquals(List.of(), entries.stream().filter(e -> e.outcome() == Outcome.PENDING).toList(),
                    "nothing stays PENDING");
        }
    }

    /** A new connection is refused; a request on one still open is answered 503. */
    private static boolean refused(ScimClient scim) {
        try {
            return scim.get("/Users?count=1").status() == 503;
        } catch (IllegalStateException e) {
            return e.getCause() instanceof ConnectException;
        }
    }
}
