package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.FreshJournalPerTest;

/** What the directory watcher writes to and reads from the journal: its entries, versions and positions. */
class DirectoryChangesIT extends FreshJournalPerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDirectoryChangeIsOneCompletedEntryOfOriginDirectoryFoundByOrigin() {
        ObjectNode changes = JSON.createObjectNode();
        changes.putObject("title").putArray("after").add("x'); DROP TABLE journal_entry; --");
        store.begin(new JournalIntent("req-1", "okta", "okta", Operation.PATCH, "User", "u-1", "uid=a"));
        store.recordDirectoryChange(new DirectoryChange(Instant.parse("2026-12-04T08:00:00Z"), Operation.MODIFY, "User",
                "u-1", "uid=a", changes, "W/\"abc\"", "cn=admin", null));

        JournalEntry seen = only(store.find(new JournalQuery(10, null, null, null, null, null, Origin.DIRECTORY)));
        assertEquals(Origin.DIRECTORY, seen.origin());
        assertEquals(Outcome.SUCCEEDED, seen.outcome());
        assertEquals("cn=admin", seen.client());
        assertEquals("W/\"abc\"", seen.entryVersion());
        assertEquals(changes, seen.changes());
        assertEquals(Instant.parse("2026-12-04T08:00:00Z"), seen.occurredAt());
        assertEquals(Origin.BRIDGE, only(store.find(new JournalQuery(10, null, null, null, null, null, Origin.BRIDGE)))
                .origin(), "entries begun by the bridge keep the default origin");
        assertEquals("W/\"abc\"", store.latestFor("User", "u-1", "uid=a").orElseThrow().entryVersion());
    }

    @Test
    void theLatestEntryIgnoresRefusedWritesAndFindsAPendingCreateByItsDn() {
        long create = store.begin(new JournalIntent("req-1", "okta", "okta", Operation.CREATE, "User", null, "uid=b"));
        assertEquals(create, store.latestFor("User", "u-2", "uid=b").orElseThrow().id());
        store.complete(create, Outcome.SUCCEEDED, "u-2", "uid=b", null, null);
        store.recordVersion(create, "W/\"v1\"");
        long refused = store.begin(new JournalIntent("req-2", "okta", "okta", Operation.PATCH, "User", "u-2", "uid=b"));
        store.complete(refused, Outcome.FAILED, null, null, null, "400");

        assertEquals("W/\"v1\"", store.latestFor("User", "u-2", "uid=other").orElseThrow().entryVersion());
        assertTrue(store.latestFor("Group", "u-2", "uid=b").isEmpty());
    }

    @Test
    void deletionsSinceListOnlySucceededDeletionsOfTheTypeFromTheInstant() {
        Instant before = Instant.now().minusSeconds(1);
        long deleted = store.begin(new JournalIntent("req-1", "okta", "okta", Operation.DELETE, "User", "u-3", "uid=c"));
        store.complete(deleted, Outcome.SUCCEEDED, null, null, null, null);
        long refused = store.begin(new JournalIntent("req-2", "okta", "okta", Operation.DELETE, "User", "u-4", "uid=d"));
        store.complete(refused, Outcome.FAILED, null, null, null, "409");
        store.recordDirectoryChange(new DirectoryChange(Instant.now(), Operation.DELETE, "User", "u-5", "uid=e",
                JSON.createObjectNode(), null, null, null));

        assertEquals(List.of("u-3", "u-5"), store.deletionsSince("User", before, 10).stream()
                .map(JournalEntry::resourceId).toList());
        assertTrue(store.deletionsSince("Group", before, 10).isEmpty());
        assertTrue(store.deletionsSince("User", Instant.now().plusSeconds(60), 10).isEmpty());
        assertTrue(store.recordsDeletionOf("User", "u-5"));
        assertFalse(store.recordsDeletionOf("User", "u-4"), "a refused delete deleted nothing");
    }

    @Test
    void aWatchPositionIsStoredAndReplacedPerDirectoryAndType() {
        WatchPositions positions = journal.watchPositions();
        assertTrue(positions.find("ldap://dc1", "User").isEmpty());
        positions.store("ldap://dc1", "User", new WatchPosition("USN", "100", List.of()));
        positions.store("ldap://dc1", "User", new WatchPosition("TIMESTAMP", "20261204080000Z", List.of("W/\"a\"")));
        positions.store("ldap://dc1", "Group", new WatchPosition("USN", "7", List.of()));

        assertEquals(new WatchPosition("TIMESTAMP", "20261204080000Z", List.of("W/\"a\"")),
                positions.find("ldap://dc1", "User").orElseThrow());
        assertEquals("7", positions.find("ldap://dc1", "Group").orElseThrow().position());
        assertTrue(positions.find("ldap://dc2", "User").isEmpty());
    }

    private static JournalEntry only(List<JournalEntry> entries) {
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
