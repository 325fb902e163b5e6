package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.journal.JournalDatabase;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimRequest;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * No write goes unjournaled: while the journal database is gone, writes are refused with 503 before the
 * directory is touched, and reads go on. The outage is real: the test drops the journal's database under the
 * running bridge, and creates and migrates it again afterwards.
 */
class JournalOutageIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA_DN = userDn("helena.marsh@example.com");

    private boolean journalDropped;

    private void dropJournalDatabase() {
        bridge.executeOnJournalServer("DROP DATABASE " + bridge.journalDatabaseName());
        journalDropped = true;
    }

    private void restoreJournalDatabase() {
        bridge.executeOnJournalServer("CREATE DATABASE IF NOT EXISTS " + bridge.journalDatabaseName()
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        JournalDatabase.open(bridge.journalDatabase().settings()).close();
        journalDropped = false;
    }

    @AfterEach
    void journalDatabaseIsBack() {
        if (journalDropped) {
            restoreJournalDatabase();
        }
    }

    @Test
    void writesAre503AndChangeNothingWhileTheJournalDatabaseIsGone() {
        String helenaId = bridge.idOf(HELENA_DN);
        String backendId = bridge.idOf(groupDn("Backend"));
        dropJournalDatabase();

        List<ScimRequest> writes = List.of(
                bridge.request("POST", "/Users").body("""
                        {"schemas": ["%s"], "userName": "outage@example.com"}""".formatted(SCHEMA_USER)),
                bridge.request("PATCH", "/Users/" + helenaId).body(patch("""
                        {"op": "Replace", "path": "active", "value": "False"}""")),
                bridge.request("PUT", "/Users/" + helenaId).body("""
                        {"schemas": ["%s"], "userName": "helena.marsh@example.com", "title": "Gone"}""".formatted(SCHEMA_USER)),
                bridge.request("DELETE", "/Users/" + helenaId),
                bridge.request("POST", "/Groups").body("""
                        {"schemas": ["%s"], "displayName": "Outage Group"}""".formatted(SCHEMA_GROUP)),
                bridge.request("PATCH", "/Groups/" + backendId).body(patch("""
                        {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(helenaId))),
                bridge.request("DELETE", "/Groups/" + backendId));
        for (ScimRequest write : writes) {
            Map<DN, Entry> before = bridge.allEntries();
            long started = System.nanoTime();
            ScimResponse response = write.send();
            long millis = (System.nanoTime() - started) / 1_000_000;

            JsonNode error = response.expectError(503, null);
            assertTrue(error.get("detail").asText().contains("journal"), error.toString());
            assertEquals("30", response.header("Retry-After"));
            assertEquals(before, bridge.allEntries(), "the directory changed while the journal was gone: " + response);
            System.out.printf("timing: %s refused with 503 in %d ms%n", response.toString().split(" -> ")[0], millis);
        }
        assertNull(bridge.entry(userDn("outage@example.com")));
        assertNull(bridge.entry(groupDn("Outage Group")));
    }

    @Test
    void readsGoOnWhileTheJournalDatabaseIsGone() {
        String helenaId = bridge.idOf(HELENA_DN);
        dropJournalDatabase();

        assertEquals("helena.marsh@example.com", bridge.get("/Users/" + helenaId).expect(200).get("userName").asText());
        assertEquals(1, bridge.get("/Users?filter=userName%20eq%20%22helena.marsh%40example.com%22").expect(200)
                .get("totalResults").intValue());
        assertEquals(1, bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter": "userName eq \\"helena.marsh@example.com\\""}""").expect(200).get("totalResults").intValue());
        bridge.get("/Groups/" + bridge.idOf(groupDn("Backend"))).expect(200);
        bridge.get("/ServiceProviderConfig").expect(200);
        bridge.get("/Schemas").expect(200);
    }

    @Test
    void writesResumeAndAreJournaledWhenTheDatabaseIsBack() {
        dropJournalDatabase();
        bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "later@example.com"}""".formatted(SCHEMA_USER)).expectError(503, null);

        restoreJournalDatabase();
        JsonNode created = bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "later@example.com"}""".formatted(SCHEMA_USER)).expect(201);

        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(1, journal.size(), journal.toString());
        assertEquals(Operation.CREATE, journal.get(0).operation());
        assertEquals(Outcome.SUCCEEDED, journal.get(0).outcome());
        assertEquals(created.get("id").asText(), journal.get(0).resourceId());
    }

    @Test
    void anOutcomeThatCannotBeRecordedIs503AndTheEntryStaysPending() {
        String helenaId = bridge.idOf(HELENA_DN);
        // A real database fault between the two journal writes: the intent goes in, the outcome is refused.
        bridge.executeOnJournal("CREATE TRIGGER refuse_outcomes BEFORE UPDATE ON journal_entry FOR EACH ROW"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'outcomes refused by the test'");
        ScimResponse response;
        try {
            response = bridge.patch("/Users/" + helenaId, patch("""
                    {"op": "replace", "path": "title", "value": "Recorded only as pending"}"""));
        } finally {
            bridge.executeOnJournal("DROP TRIGGER refuse_outcomes");
        }

        JsonNode error = response.expectError(503, null);
        assertTrue(error.get("detail").asText().contains("applied"), error.toString());
        assertEquals("Recorded only as pending", bridge.entry(HELENA_DN).getAttributeValue("title"),
                "the directory change stands");
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(1, journal.size());
        assertEquals(Outcome.PENDING, journal.get(0).outcome());
        assertEquals(Operation.PATCH, journal.get(0).operation());
        assertEquals(helenaId, journal.get(0).resourceId());
        assertEquals(response.header("X-Request-Id"), journal.get(0).requestId());
    }
}
