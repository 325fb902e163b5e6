package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LdapConfig;
import org.ldapscim.bridge.config.LdapPoolConfig;
import org.ldapscim.bridge.config.Secret;
import org.ldapscim.bridge.config.ServerSelection;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.JournalQuery;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.OpenLdapServer;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Two real slapds seeded alike (the same users with the same entryUUIDs, as replicas hold them) behind one bridge
 * configured with both URLs: the first is taken away mid-test, then the second, then the first comes back. Reads
 * keep working on the second, both gone is a quick 503 with Retry-After, and the bridge recovers without a restart.
 */
class DirectoryFailoverIT {
    private static final String TOKEN = TestSecret.FAILOVER_TOKEN.value();
    private static final int RESPONSE_TIMEOUT_MILLIS = 3_000;
    private static final String SEED = "seed0007";

    @RegisterExtension
    static final OpenLdapServer first = new OpenLdapServer(20);
    @RegisterExtension
    static final OpenLdapServer second = new OpenLdapServer(20);

    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void startBridge() {
        bridge = PresetBridge.start("openldap", new LdapConfig(List.of(first.url(), second.url()),
                ServerSelection.FAILOVER, first.bindDn(), Secret.of(first.bindPassword()), 1_000,
                RESPONSE_TIMEOUT_MILLIS, null, new LdapPoolConfig(4, 200, null, 1), null, null), TOKEN);
        scim = bridge.scim();
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void readsMoveToTheSecondServerAndTheBridgeRecoversWhenOneComesBack() throws Exception {
        String id = OpenLdapServer.seededId(SEED);
        assertEquals(SEED, scim.get("/Users/" + id).expect(200).get("userName").asText());
        String filtered = "/Users?filter=" + URLEncoder.encode("userName eq \"" + SEED + "\"", StandardCharsets.UTF_8);
        assertEquals(1, scim.get(filtered).expect(200).get("totalResults").asInt());
        String onFirst = "/Users/" + OpenLdapServer.seededId("seed0001");
        scim.patch(onFirst, titled("on the first server")).expect(200);
        assertEquals("on the first server", first.entry("uid=seed0001," + OpenLdapServer.PEOPLE)
                .getAttributeValue("title"), "the preferred server is the first URL");

        first.stop();
        for (int i = 1; i <= 5; i++) {
            long started = System.nanoTime();
            assertEquals(SEED, scim.get("/Users/" + id).expect(200).get("userName").asText());
            assertEquals(20, scim.get("/Users?count=5&filter=" + URLEncoder.encode("userName sw \"seed\"",
                    StandardCharsets.UTF_8)).expect(200).get("totalResults").asInt());
            System.out.printf("read %d with the first slapd stopped: %d ms%n", i, millisSince(started));
        }
        scim.patch("/Users/" + id, titled("on the second server")).expect(200);
        assertEquals("on the second server", second.entry("uid=" + SEED + "," + OpenLdapServer.PEOPLE)
                .getAttributeValue("title"), "writes go to the server that answers");

        second.stop();
        long started = System.nanoTime();
        ScimResponse down = scim.get("/Users/" + id);
        long readMillis = millisSince(started);
        assertUnavailable(down);
        started = System.nanoTime();
        ScimResponse write = scim.patch("/Users/" + id, titled("nowhere"));
        long writeMillis = millisSince(started);
        System.out.printf("both slapds stopped: a read answered %d in %d ms, a write %d in %d ms%n",
                down.status(), readMillis, write.status(), writeMillis);
        assertTrue(readMillis < RESPONSE_TIMEOUT_MILLIS * 3L, "no hang: " + readMillis + " ms");
        assertTrue(writeMillis < RESPONSE_TIMEOUT_MILLIS * 3L, "no hang: " + writeMillis + " ms");
        // The read of the entry before the write already finds no server: nothing was sent, nothing journaled.
        assertUnavailable(write);

        first.restart();
        started = System.nanoTime();
        assertEquals(SEED, scim.get("/Users/" + id).expect(200).get("userName").asText());
        System.out.printf("first slapd back: the next read answered in %d ms%n", millisSince(started));
        scim.patch("/Users/" + id, titled("back on the first")).expect(200);
        assertEquals("back on the first", first.entry("uid=" + SEED + "," + OpenLdapServer.PEOPLE)
                .getAttributeValue("title"));
        List<Outcome> outcomes = bridge.journal().store().find(new JournalQuery(100, id)).stream()
                .map(JournalEntry::outcome).toList();
        assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED), outcomes, "only the writes that were sent");
    }

    private static void assertUnavailable(ScimResponse response) {
        JsonNode error = response.expectError(503, null);
        assertEquals("503", error.get("status").asText());
        assertNotNull(response.header("Retry-After"), "503 says when to retry");
        assertTrue(Integer.parseInt(response.header("Retry-After")) > 0);
        assertTrue(!response.body().contains("127.0.0.1") && !response.body().contains("dc=example"),
                "no server detail reaches the client: " + response.body());
    }

    private static String titled(String title) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"" + title + "\"}]}";
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
