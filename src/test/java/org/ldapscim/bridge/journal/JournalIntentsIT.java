package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.FreshJournalPerTest;

/**
 * What reconciliation and repeated creates ask of the journal: the intended change recorded at begin with the
 * writing process's instance, the unfinished entries of stopped processes only, an outcome recorded once, and the
 * earlier create of a repetition within the retry window.
 */
class JournalIntentsIT extends FreshJournalPerTest {
    @Test
    void beginRecordsTheIntendedChangeAndTheInstanceThatWritesIt() throws SQLException {
        ObjectNode intended = JsonNodeFactory.instance.objectNode();
        intended.putObject("title").putArray("after").add("Intended");
        long id = store.begin(create("req-1", "okta", intended, "a".repeat(64), "client-req-1"));

        JournalEntry entry = store.find(new JournalQuery(1, null)).get(0);
        assertEquals(intended, entry.changes());
        assertEquals(journal.instanceId(), column(id, "instance_id"));
        assertEquals("a".repeat(64), column(id, "body_hash"));
        assertEquals("client-req-1", column(id, "client_request_id"));
    }

    @Test
    void unfinishedLeavesThePendingEntriesOfARunningBridgeAlone() {
        long own = store.begin(create("own", "okta", null, null, null));
        long other;
        try (JournalDatabase running = JournalDatabase.open(database.settings())) {
            other = running.store().begin(create("other", "okta", null, null, null));
            long unknown = running.store().begin(create("unknown", "okta", null, null, null));
            running.store().complete(unknown, Outcome.UNKNOWN, null, null, null, "503 timeout");
            assertEquals(List.of(unknown), ids(store.unfinished(0, 100)),
                    "a running bridge's PENDING write is in flight; its UNKNOWN one is finished and may be settled");
        }
        List<Long> afterItStopped = ids(store.unfinished(0, 100));
        assertTrue(afterItStopped.contains(other), "the stopped bridge's lock is free: " + afterItStopped);
        assertFalse(afterItStopped.contains(own), "this bridge's own writes are never taken for abandoned ones");
        assertEquals(afterItStopped.subList(1, afterItStopped.size()),
                ids(store.unfinished(afterItStopped.get(0), 100)), "pages go on after the id given");
    }

    @Test
    void aPendingEntryFromBeforeInstancesWereRecordedIsUnfinished() throws SQLException {
        long legacy = store.begin(create("legacy", "okta", null, null, null));
        execute("UPDATE journal_entry SET instance_id = NULL WHERE id = " + legacy);
        assertEquals(List.of(legacy), ids(store.unfinished(0, 100)));
    }

    @Test
    void resolveRecordsAnOutcomeOnlyOverTheOneItWasAndKeepsTheChanges() {
        ObjectNode intended = JsonNodeFactory.instance.objectNode();
        intended.putObject("cn").putArray("after").add("x");
        long id = store.begin(create("req", "okta", intended, null, null));

        assertFalse(store.resolve(id, Outcome.UNKNOWN, Outcome.FAILED, null, "wrong"));
        assertTrue(store.resolve(id, Outcome.PENDING, Outcome.SUCCEEDED, "the-id", "reconciled"));
        assertFalse(store.resolve(id, Outcome.PENDING, Outcome.FAILED, null, "again"), "another bridge was first");

        JournalEntry entry = store.find(new JournalQuery(1, null)).get(0);
        assertEquals(Outcome.SUCCEEDED, entry.outcome());
        assertEquals("the-id", entry.resourceId());
        assertEquals("reconciled", entry.detail());
        assertEquals(intended, entry.changes());
    }

    @Test
    void anEarlierCreateIsFoundByTheSameClientsBodyOrRequestIdWithinTheWindow() throws SQLException {
        String hash = "b".repeat(64);
        long first = store.begin(create("r1", "entra", null, hash, "entra-req-7"));
        store.complete(first, Outcome.SUCCEEDED, "id-1", null, null, null);

        assertEquals(first, store.createWithBody("entra", "User", hash).id());
        assertEquals(first, store.createWithRequestId("entra", "User", "entra-req-7").id());
        assertNull(store.createWithBody("Entra", "User", hash), "another client's create is not repeated");
        assertNull(store.createWithBody("entra", "Group", hash), "nor a create of another type");
        assertNull(store.createWithRequestId("entra", "User", "entra-req-8"));
        assertNull(store.createWithRequestId("entra", "User", null), "a request without an id repeats none");

        execute("UPDATE journal_entry SET occurred_at = UTC_TIMESTAMP(6) - INTERVAL 11 MINUTE WHERE id = " + first);
        assertNull(store.createWithBody("entra", "User", hash), "older than the 10 minutes of the window");
        assertNull(store.createWithRequestId("entra", "User", "entra-req-7"));
    }

    @Test
    void aRefusedCreateIsNoneToRepeat() {
        String hash = "d".repeat(64);
        long refused = store.begin(create("r1", "entra", null, hash, "entra-req-9"));
        store.complete(refused, Outcome.FAILED, null, null, null, "409 uniqueness");
        assertNull(store.createWithBody("entra", "User", hash));
        assertNull(store.createWithRequestId("entra", "User", "entra-req-9"));
    }

    private static JournalIntent create(String requestId, String client, ObjectNode changes, String bodyHash,
                                        String clientRequestId) {
        return new JournalIntent(requestId, client, "strict", Operation.CREATE, "User", null,
                "uid=" + requestId + ",ou=people,dc=example,dc=com", changes, bodyHash, clientRequestId);
    }

    private static List<Long> ids(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::id).toList();
    }

    private String column(long id, String name) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + name + " FROM journal_entry WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection()) {
            connection.createStatement().execute(sql);
        }
    }
}
