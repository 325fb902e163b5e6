package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Origin;
import org.ldapscim.bridge.scim.ScimUrns;
import org.ldapscim.bridge.service.DirectoryWatcher;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changes made in the in-memory directory with a plain LDAP connection, behind the bridge's back, reach the journal
 * as origin DIRECTORY through the watcher reading the directory's change log, and a {@code meta.lastModified gt}
 * filter answers them, deletions as tombstones; the bridge's own writes are journaled once.
 */
class DirectoryWatcherIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA = BridgeUnderTest.userDn("helena.marsh@example.com");
    private static final String LINDA = BridgeUnderTest.userDn("linda.evans@example.com");
    private static final String ELENA = BridgeUnderTest.userDn("elena.kuznetsova@example.com");
    private static final String NEW_USER = BridgeUnderTest.userDn("walter.outside@example.com");

    @Test
    void changesMadeWithLdapAreJournaledAsDirectorySideAndListedSinceAnInstant() throws Exception {
        DirectoryWatcher watcher = bridge.watcher();
        assertEquals("CHANGELOG", watcher.mechanism());
        assertEquals(0, watcher.lookOnce(), "the first look only notes where the change log stands");
        String helena = bridge.idOf(HELENA);
        String linda = bridge.idOf(LINDA);
        String elena = bridge.idOf(ELENA);
        Instant before = Instant.now();
        Thread.sleep(5);

        try (LDAPConnection admin = new LDAPConnection("127.0.0.1", bridge.directory().getListenPort())) {
            admin.modify(HELENA, new Modification(ModificationType.REPLACE, "title", "Chief Outside Officer"));
            admin.add("dn: " + NEW_USER, "objectClass: inetOrgPerson", "uid: walter.outside@example.com",
                    "cn: Walter Outside", "sn: Outside", "givenName: Walter");
            admin.delete(LINDA);
        }
        bridge.patch("/Users/" + elena, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Patched by SCIM"}]}""").expect(200);

        assertTrue(watcher.lookOnce() >= 3);
        String walter = bridge.idOf(NEW_USER);
        JournalEntry modified = onlyDirectoryEntry(helena);
        assertEquals(Operation.MODIFY, modified.operation());
        assertEquals("Chief Outside Officer", modified.changes().get("title").get("after").get(0).asText());
        assertEquals(Origin.DIRECTORY, modified.origin());
        JournalEntry created = onlyDirectoryEntry(walter);
        assertEquals(Operation.CREATE, created.operation());
        assertEquals("Walter", created.changes().get("givenName").get("after").get(0).asText());
        assertTrue(created.entryVersion() != null);
        JournalEntry deleted = onlyDirectoryEntry(linda);
        assertEquals(Operation.DELETE, deleted.operation());
        assertEquals("linda.evans@example.com", deleted.changes().get("uid").get("before").get(0).asText(),
                "the change log keeps the deleted entry, so its values before are journaled");
        assertTrue(directoryEntries(elena).isEmpty(), "the bridge's own PATCH is journaled once, by the bridge");
        assertEquals(0, watcher.lookOnce(), "a second look finds nothing new");

        JsonNode since = list("meta.lastModified gt \"" + before + "\"");
        List<String> ids = ids(since);
        assertTrue(ids.containsAll(List.of(helena, walter, elena, linda)), ids.toString());
        assertEquals(ids.size(), since.get("totalResults").asInt());
        JsonNode tombstone = resource(since, linda);
        assertTrue(tombstone.get(ScimUrns.DELETED_EXTENSION).get("deleted").asBoolean());
        assertEquals("User", tombstone.get("meta").get("resourceType").asText());
        assertNotNull(tombstone.get("meta").get("lastModified"));
        assertFalse(tombstone.has("userName"));
        assertFalse(resource(since, helena).has(ScimUrns.DELETED_EXTENSION));

        assertFalse(ids(list("meta.lastModified gt \"" + before + "\" and userName sw \"l\"")).contains(linda),
                "a filter on anything but meta.lastModified shows no tombstones");
        assertEquals(List.of(), ids(list("meta.lastModified gt \"" + Instant.now().plusSeconds(60) + "\"")));
    }

    @Test
    void theBridgesOwnDeleteIsNotJournaledAgainAndAnswersAsATombstone() throws Exception {
        DirectoryWatcher watcher = bridge.watcher();
        watcher.lookOnce();
        Instant before = Instant.now();
        String elena = bridge.idOf(ELENA);
        bridge.delete("/Users/" + elena).expectNoContent();

        watcher.lookOnce();
        assertTrue(directoryEntries(elena).isEmpty());

        JsonNode page = list("meta.lastModified ge \"" + before + "\"", "&count=0");
        int total = page.get("totalResults").asInt();
        assertTrue(total >= 1);
        List<String> paged = new ArrayList<>();
        for (int start = 1; start <= total; start++) {
            paged.addAll(ids(list("meta.lastModified ge \"" + before + "\"", "&startIndex=" + start + "&count=1")));
        }
        assertEquals(total, paged.size(), "paging one by one shows every result once");
        assertTrue(paged.contains(elena));
    }

    @Test
    void aRestartedWatcherResumesFromTheStoredPosition() throws Exception {
        bridge.watcher().lookOnce();
        try (LDAPConnection admin = new LDAPConnection("127.0.0.1", bridge.directory().getListenPort())) {
            admin.modify(HELENA, new Modification(ModificationType.REPLACE, "title", "Changed while the bridge was down"));
        }
        assertEquals(1, bridge.watcher().lookOnce(), "a new watcher reads from the position the last one stored");
    }

    @Test
    void aHostileTimestampIsRefusedAsAFilterError() {
        bridge.get("/Users?filter=" + URLEncoder.encode("meta.lastModified gt \"*)(objectClass=*\"",
                StandardCharsets.UTF_8)).expectError(400, "invalidFilter");
    }

    private static JournalEntry onlyDirectoryEntry(String id) {
        List<JournalEntry> entries = directoryEntries(id);
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }

    private static List<JournalEntry> directoryEntries(String id) {
        return bridge.journalEntries().stream()
                .filter(entry -> entry.origin() == Origin.DIRECTORY && id.equals(entry.resourceId())).toList();
    }

    private static JsonNode list(String filter) {
        return list(filter, "");
    }

    private static JsonNode list(String filter, String more) {
        return bridge.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + more).expect(200);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    private static JsonNode resource(JsonNode list, String id) {
        for (JsonNode resource : list.path("Resources")) {
            if (resource.get("id").asText().equals(id)) {
                return resource;
            }
        }
        throw new AssertionError(id + " is not in " + list);
    }
}
