package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.FreshJournalPerTest;

class JournalStoreIT extends FreshJournalPerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void beginRecordsAPendingEntryWithoutCompletion() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long id = store.begin(new JournalIntent("req-1", "okta", "strict", Operation.REPLACE, "User", "u-1",
                "uid=a,ou=people,dc=example"));

        JournalEntry entry = only(store.find(new JournalQuery(10, null)));
        assertEquals(id, entry.id());
        assertEquals("req-1", entry.requestId());
        assertEquals("okta", entry.client());
        assertEquals("strict", entry.profile());
        assertEquals(Operation.REPLACE, entry.operation());
        assertEquals("User", entry.resourceType());
        assertEquals("u-1", entry.resourceId());
        assertEquals("uid=a,ou=people,dc=example", entry.dn());
        assertEquals(Outcome.PENDING, entry.outcome());
        assertEquals(JSON.createObjectNode(), entry.changes());
        assertNull(entry.detail());
        assertNull(entry.completedAt());
        assertFalse(entry.occurredAt().isBefore(before), entry.occurredAt() + " is before " + before);
        assertFalse(entry.occurredAt().isAfter(Instant.now()));
    }

    @Test
    void completeRecordsOutcomeIdentityChangesAndCompletionTime() {
        long id = store.begin(new JournalIntent("req-2", "okta", "okta", Operation.CREATE, "User", null, null));
        ObjectNode changes = changes("givenName", List.of(), List.of("Ada"));

        store.complete(id, Outcome.SUCCEEDED, "u-2", "uid=ada,ou=people,dc=example", changes, null);

        JournalEntry entry = only(store.find(new JournalQuery(10, null)));
        assertEquals(Outcome.SUCCEEDED, entry.outcome());
        assertEquals("u-2", entry.resourceId());
        assertEquals("uid=ada,ou=people,dc=example", entry.dn());
        assertEquals(changes, entry.changes());
        assertNotNull(entry.completedAt());
        assertFalse(entry.completedAt().isBefore(entry.occurredAt()));
    }

    @Test
    void completeWithoutIdentityKeepsWhatBeginRecorded() {
        long id = store.begin(new JournalIntent("req-3", "okta", "okta", Operation.DELETE, "Group", "g-1", "cn=staff,dc=example"));

        store.complete(id, Outcome.FAILED, null, null, null, "LDAP error 50: insufficient access rights");

        JournalEntry entry = only(store.find(new JournalQuery(10, null)));
        assertEquals(Outcome.FAILED, entry.outcome());
        assertEquals("g-1", entry.resourceId());
        assertEquals("cn=staff,dc=example", entry.dn());
        assertEquals(JSON.createObjectNode(), entry.changes());
        assertEquals("LDAP error 50: insufficient access rights", entry.detail());
    }

    @Test
    void findListsNewestFirst() {
        long first = store.begin(intent("req-a", "u-a"));
        long second = store.begin(intent("req-b", "u-b"));
        long third = store.begin(intent("req-c", "u-c"));

        List<Long> ids = store.find(new JournalQuery(10, null)).stream().map(JournalEntry::id).toList();

        assertEquals(List.of(third, second, first), ids);
    }

    @Test
    void findReturnsNoMoreThanTheLimit() {
        IntStream.range(0, 5).forEach(i -> store.begin(intent("req-" + i, "u-" + i)));

        List<JournalEntry> entries = store.find(new JournalQuery(2, null));

        assertEquals(List.of("req-4", "req-3"), entries.stream().map(JournalEntry::requestId).toList());
    }

    @Test
    void findByResourceReturnsOnlyThatResourcesEntries() {
        store.begin(intent("req-1", "u-1"));
        store.begin(intent("req-2", "u-2"));
        long created = store.begin(new JournalIntent("req-3", "okta", "okta", Operation.CREATE, "User", null, null));
        store.complete(created, Outcome.SUCCEEDED, "u-1", "uid=one,dc=example", null, null);

        List<JournalEntry> entries = store.find(new JournalQuery(10, "u-1"));

        assertEquals(List.of("req-3", "req-1"), entries.stream().map(JournalEntry::requestId).toList());
        assertTrue(store.find(new JournalQuery(10, "no-such-resource")).isEmpty());
    }

    @Test
    void findByClientMatchesTheNameLiterallyNotAsAPatternNorIgnoringCase() {
        String hostile = "o'b\"%_\\; DROP TABLE journal_entry; --";
        store.begin(new JournalIntent("req-hostile", hostile, "okta", Operation.CREATE, "User", null, null));
        store.begin(new JournalIntent("req-pattern", "o'b\"xy\\; DROP TABLE journal_entry; --", "okta",
                Operation.CREATE, "User", null, null));
        store.begin(new JournalIntent("req-case", hostile.toUpperCase(), "okta", Operation.CREATE, "User", null, null));
        store.begin(intent("req-okta", "u-1"));

        assertEquals(List.of("req-hostile"), requestIds(new JournalQuery(10, null, hostile, null, null, null)));
        assertTrue(store.find(new JournalQuery(10, null, "%", null, null, null)).isEmpty());
        assertTrue(store.find(new JournalQuery(10, null, "o_ta", null, null, null)).isEmpty());
        assertEquals(List.of("req-okta"), requestIds(new JournalQuery(10, null, "okta", null, null, null)));
        assertEquals(4, store.find(new JournalQuery(10, null)).size());
    }

    @Test
    void findByOperationReturnsOnlyThatOperationsEntries() {
        store.begin(new JournalIntent("req-1", "okta", "okta", Operation.CREATE, "User", null, null));
        store.begin(intent("req-2", "u-1"));
        store.begin(new JournalIntent("req-3", "okta", "okta", Operation.DELETE, "User", "u-1", null));
        store.begin(intent("req-4", "u-2"));

        assertEquals(List.of("req-4", "req-2"), requestIds(new JournalQuery(10, null, null, Operation.PATCH, null, null)));
        assertEquals(List.of("req-3"), requestIds(new JournalQuery(10, null, null, Operation.DELETE, null, null)));
        assertTrue(store.find(new JournalQuery(10, null, null, Operation.REPLACE, null, null)).isEmpty());
    }

    @Test
    void findByTimeRangeIncludesSinceAndExcludesUntil() throws SQLException {
        occurredAt(store.begin(intent("req-9", "u-1")), "2026-12-04 09:59:59.999999");
        occurredAt(store.begin(intent("req-10", "u-1")), "2026-12-04 10:00:00");
        occurredAt(store.begin(intent("req-11", "u-1")), "2026-12-04 11:00:00");
        occurredAt(store.begin(intent("req-12", "u-1")), "2026-12-04 12:00:00");
        Instant ten = Instant.parse("2026-12-04T10:00:00Z");
        Instant twelve = Instant.parse("2026-12-04T12:00:00Z");

        assertEquals(List.of("req-11", "req-10"), requestIds(new JournalQuery(10, null, null, null, ten, twelve)));
        assertEquals(List.of("req-12", "req-11", "req-10"), requestIds(new JournalQuery(10, null, null, null, ten, null)));
        assertEquals(List.of("req-9"), requestIds(new JournalQuery(10, null, null, null, null, ten)));
    }

    @Test
    void filtersCombineAndTheLimitAppliesAfterThem() throws SQLException {
        occurredAt(store.begin(new JournalIntent("req-1", "entra", "entra", Operation.PATCH, "User", "u-1", null)),
                "2026-12-04 10:30:00");
        occurredAt(store.begin(new JournalIntent("req-2", "entra", "entra", Operation.PATCH, "User", "u-1", null)),
                "2026-12-04 10:40:00");
        occurredAt(store.begin(new JournalIntent("req-3", "entra", "entra", Operation.PATCH, "User", "u-1", null)),
                "2026-12-04 10:50:00");
        occurredAt(store.begin(new JournalIntent("req-4", "okta", "okta", Operation.PATCH, "User", "u-1", null)),
                "2026-12-04 10:55:00");
        occurredAt(store.begin(new JournalIntent("req-5", "entra", "entra", Operation.DELETE, "User", "u-1", null)),
                "2026-12-04 10:56:00");
        occurredAt(store.begin(new JournalIntent("req-6", "entra", "entra", Operation.PATCH, "User", "u-2", null)),
                "2026-12-04 10:57:00");
        occurredAt(store.begin(new JournalIntent("req-7", "entra", "entra", Operation.PATCH, "User", "u-1", null)),
                "2026-12-04 09:00:00");

        assertEquals(List.of("req-3", "req-2"), requestIds(new JournalQuery(2, "u-1", "entra", Operation.PATCH,
                Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T11:00:00Z"))));
    }

    @Test
    void changesWithNonAsciiTextSurviveTheRoundTrip() {
        long id = store.begin(intent("req-ü", "u-ü"));
        ObjectNode changes = changes("displayName", List.of("Jürgen Müller"), List.of("Łukasz Żółć 日本語 😀"));
        changes.set("mail", changes(List.of("jm@example.org"), List.of()));

        store.complete(id, Outcome.SUCCEEDED, null, "cn=Jürgen Müller,dc=example", changes, "ok: ✓");

        JournalEntry entry = only(store.find(new JournalQuery(1, "u-ü")));
        assertEquals(changes, entry.changes());
        assertEquals("Łukasz Żółć 日本語 😀", entry.changes().get("displayName").get("after").get(0).asText());
        assertEquals("cn=Jürgen Müller,dc=example", entry.dn());
        assertEquals("ok: ✓", entry.detail());
    }

    @Test
    void completingAnUnknownEntryFails() {
        JournalException failure = assertThrows(JournalException.class,
                () -> store.complete(987_654_321L, Outcome.SUCCEEDED, null, null, null, null));

        assertTrue(failure.getMessage().contains("987654321"), failure.getMessage());
    }

    @Test
    void completingAnEntryTwiceFailsAndKeepsTheFirstOutcome() {
        long id = store.begin(intent("req-1", "u-1"));
        store.complete(id, Outcome.SUCCEEDED, null, null, null, "first");

        JournalException failure = assertThrows(JournalException.class,
                () -> store.complete(id, Outcome.FAILED, null, null, null, "second"));

        assertTrue(failure.getMessage().contains("already SUCCEEDED"), failure.getMessage());
        JournalEntry entry = only(store.find(new JournalQuery(10, null)));
        assertEquals(Outcome.SUCCEEDED, entry.outcome());
        assertEquals("first", entry.detail());
    }

    @Test
    void completingAsPendingIsRejected() {
        long id = store.begin(intent("req-1", "u-1"));

        assertThrows(IllegalArgumentException.class, () -> store.complete(id, Outcome.PENDING, null, null, null, null));
    }

    @Test
    void detailLongerThanItsColumnIsShortened() {
        long id = store.begin(intent("req-1", "u-1"));

        store.complete(id, Outcome.FAILED, null, null, null, "é".repeat(2000));

        assertEquals("é".repeat(1024), only(store.find(new JournalQuery(1, null))).detail());
    }

    @Test
    void concurrentBeginsGetDistinctIds() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> ids = threads.invokeAll(IntStream.range(0, 40)
                    .<Callable<Long>>mapToObj(i -> () -> store.begin(intent("req-" + i, "u-" + i)))
                    .toList());
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> id : ids) {
                distinct.add(id.get());
            }
            assertEquals(40, distinct.size());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(40, store.find(new JournalQuery(JournalQuery.MAX_LIMIT, null)).size());
    }

    @Test
    void openingAnUpToDateSchemaAgainChangesNothing() throws SQLException {
        store.begin(intent("req-1", "u-1"));
        int historyRows = count("SELECT COUNT(*) FROM journal_schema_history");

        try (JournalDatabase reopened = JournalDatabase.open(database.settings())) {
            assertEquals(historyRows, count("SELECT COUNT(*) FROM journal_schema_history"));
            assertEquals(List.of("req-1"), reopened.store().find(new JournalQuery(10, null)).stream()
                    .map(JournalEntry::requestId).toList());
        }
    }

    @Test
    void reapplyingTheMigrationOverAnExistingTableKeepsItsRows() throws SQLException {
        store.begin(intent("req-1", "u-1"));
        // As after a failure between MariaDB's auto-committed DDL and Flyway's history insert.
        execute("DELETE FROM journal_schema_history");

        try (JournalDatabase reopened = JournalDatabase.open(database.settings())) {
            assertEquals(List.of("req-1"), reopened.store().find(new JournalQuery(10, null)).stream()
                    .map(JournalEntry::requestId).toList());
            assertTrue(count("SELECT COUNT(*) FROM journal_schema_history WHERE success = 1") > 0);
        }
    }

    @Test
    void foundEntryRendersAsOneJsonObjectWithIsoTimes() {
        long id = store.begin(intent("req-1", "u-1"));
        store.complete(id, Outcome.SUCCEEDED, null, null, changes("title", List.of("a"), List.of("b")), null);

        JournalEntry entry = only(store.find(new JournalQuery(1, null)));
        ObjectNode json = entry.toJson();

        assertEquals(entry.occurredAt(), Instant.parse(json.get("occurredAt").asText()));
        assertEquals(entry.completedAt(), Instant.parse(json.get("completedAt").asText()));
        assertEquals("b", json.get("changes").get("title").get("after").get(0).asText());
    }

    private JournalIntent intent(String requestId, String resourceId) {
        return new JournalIntent(requestId, "okta", "okta", Operation.PATCH, "User", resourceId, null);
    }

    private List<String> requestIds(JournalQuery query) {
        return store.find(query).stream().map(JournalEntry::requestId).toList();
    }

    private void occurredAt(long entryId, String utc) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE journal_entry SET occurred_at = ? WHERE id = ?")) {
            update.setString(1, utc);
            update.setLong(2, entryId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static ObjectNode changes(String attribute, List<String> before, List<String> after) {
        ObjectNode changes = JSON.createObjectNode();
        changes.set(attribute, changes(before, after));
        return changes;
    }

    private static ObjectNode changes(List<String> before, List<String> after) {
        ObjectNode change = JSON.createObjectNode();
        ArrayNode beforeValues = change.putArray("before");
        before.forEach(beforeValues::add);
        ArrayNode afterValues = change.putArray("after");
        after.forEach(afterValues::add);
        return change;
    }

    private static JournalEntry only(List<JournalEntry> entries) {
        assertEquals(1, entries.size(), () -> "entries: " + entries);
        return entries.get(0);
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = journal.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
