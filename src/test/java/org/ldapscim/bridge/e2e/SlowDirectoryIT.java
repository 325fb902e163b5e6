package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.ldap.InMemoryDirectory;
import org.ldapscim.bridge.testsupport.DirectoryDelays;
import org.ldapscim.bridge.testsupport.LdapConfigs;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * The demo directory made slower than the bridge's response timeout by an interceptor: a read is 503 with
 * Retry-After after one timeout, not a hang; a write whose answer does not come in time is 503 and journaled as
 * UNKNOWN, because the directory does apply it later.
 */
class SlowDirectoryIT {
    private static final String TOKEN = TestSecret.SLOW_DIRECTORY_TOKEN.value();
    private static final int RESPONSE_TIMEOUT_MILLIS = 1_000;
    private static final long DELAY_MILLIS = 2_500;
    private static final String HELENA = "uid=helena.marsh@example.com,ou=people,dc=example,dc=com";

    private static final DirectoryDelays delays = new DirectoryDelays();
    @AutoClose
    private static InMemoryDirectory directory;
    @AutoClose
    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() {
        directory = InMemoryDirectory.startDemo(0, delays);
        bridge = PresetBridge.start("demo", LdapConfigs.anonymous(directory.url(), RESPONSE_TIMEOUT_MILLIS, 4), TOKEN);
        scim = bridge.scim();
    }

    @AfterEach
    void noDelays() {
        delays.none();
    }

    @Test
    void aReadSlowerThanTheResponseTimeoutIs503WithRetryAfter() {
        String id = helenaId();
        delays.searches.set(DELAY_MILLIS);
        long started = System.nanoTime();
        ScimResponse slow = scim.get("/Users/" + id);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("a read of a directory %d ms slow, response timeout %d ms: %d in %d ms%n", DELAY_MILLIS,
                RESPONSE_TIMEOUT_MILLIS, slow.status(), millis);
        assertEquals("503", slow.expectError(503, null).get("status").asText());
        assertNotNull(slow.header("Retry-After"));
        assertTrue(millis < RESPONSE_TIMEOUT_MILLIS * 3L, "no hang: " + millis + " ms");

        delays.searches.set(0);
        assertEquals("helena.marsh@example.com", scim.get("/Users/" + id).expect(200).get("userName").asText(),
                "once the directory is quick again, so is the bridge");
    }

    @Test
    void aWriteWithoutAnAnswerInTimeIs503AndJournaledAsUnknown() throws LDAPException, InterruptedException {
        String id = helenaId();
        delays.modifies.set(DELAY_MILLIS);
        ScimResponse slow = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Slowly Appointed\"}]}");
        JsonNode error = slow.expectError(503, null);
        assertTrue(error.get("detail").asText().contains("may or may not have been applied"), error.toString());
        assertNotNull(slow.header("Retry-After"));
        List<JournalEntry> journal = bridge.journal().store().find(new JournalQuery(10, id));
        assertEquals(Outcome.UNKNOWN, journal.get(0).outcome(), journal.toString());

        Thread.sleep(DELAY_MILLIS + 500);
        Entry after = directory.server().getEntry(HELENA);
        assertEquals("Slowly Appointed", after.getAttributeValue("title"),
                "the directory applied the write after the bridge gave up waiting: its outcome was unknown, not failed");
    }

    private static String helenaId() {
        JsonNode page = scim.get("/Users?filter=" + URLEncoder.encode("userName eq \"helena.marsh@example.com\"",
                StandardCharsets.UTF_8)).expect(200);
        return page.get("Resources").get(0).get("id").asText();
    }
}
