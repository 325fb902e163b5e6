package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queryLimitIsBoundedFromOneToTenThousand() {
        assertDoesNotThrow(() -> new JournalQuery(1, null));
        assertDoesNotThrow(() -> new JournalQuery(10_000, "u-1"));
        assertThrows(IllegalArgumentException.class, () -> new JournalQuery(0, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalQuery(10_001, null));
    }

    @Test
    void queryTimeRangeMustNotBeEmpty() {
        Instant ten = Instant.parse("2026-12-04T10:00:00Z");
        assertDoesNotThrow(() -> new JournalQuery(1, null, null, null, ten, ten.plusNanos(1000)));
        assertDoesNotThrow(() -> new JournalQuery(1, null, null, null, ten, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalQuery(1, null, null, null, ten, ten));
        assertThrows(IllegalArgumentException.class, () -> new JournalQuery(1, null, null, null, ten, ten.minusSeconds(1)));
    }

    @Test
    void intentNeedsRequestClientProfileOperationAndResourceTypeButNotIdOrDn() {
        assertDoesNotThrow(() -> new JournalIntent("r", "c", "okta", Operation.CREATE, "User", null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalIntent(" ", "c", "okta", Operation.CREATE, "User", null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalIntent("r", null, "okta", Operation.CREATE, "User", null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalIntent("r", "c", null, Operation.CREATE, "User", null, null));
        assertThrows(NullPointerException.class, () -> new JournalIntent("r", "c", "okta", null, "User", null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalIntent("r", "c", "okta", Operation.CREATE, "", null, null));
    }

    @Test
    void intentRejectsValuesLongerThanTheirColumns() {
        assertThrows(IllegalArgumentException.class,
                () -> new JournalIntent("r".repeat(65), "c", "okta", Operation.CREATE, "User", null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new JournalIntent("r", "c", "okta", Operation.CREATE, "User", "i".repeat(129), null));
        assertThrows(IllegalArgumentException.class,
                () -> new JournalIntent("r", "c", "okta", Operation.CREATE, "User", null, "d".repeat(1025)));
        assertThrows(IllegalArgumentException.class,
                () -> new JournalIntent("r", "c", "p".repeat(33), Operation.CREATE, "User", null, null));
        assertDoesNotThrow(() -> new JournalIntent("😀".repeat(64), "c", "okta", Operation.CREATE, "User", null, null));
    }

    @Test
    void shorteningTextNeverSplitsACharacter() {
        assertEquals("a😀", ColumnLimits.truncate("a😀😀", 2));
        assertEquals("short", ColumnLimits.truncate("short", 10));
    }

    @Test
    void entryJsonCarriesEveryFieldWithIsoTimesAndNullsForAbsentValues() {
        ObjectNode changes = JSON.createObjectNode();
        changes.putObject("mail").putArray("after").add("a@example.org");
        JournalEntry entry = new JournalEntry(7, Instant.parse("2025-01-02T03:04:05.123456Z"), "req", "okta", "entra",
                Operation.PATCH, "User", "u-1", null, changes, Outcome.PENDING, null, null, Origin.DIRECTORY, "W/\"v\"");

        ObjectNode json = entry.toJson();

        assertEquals(List.of("id", "occurredAt", "requestId", "client", "profile", "operation", "resourceType", "resourceId",
                "dn", "changes", "outcome", "detail", "completedAt", "origin", "entryVersion"), iterable(json.fieldNames()));
        assertEquals("DIRECTORY", json.get("origin").asText());
        assertEquals("W/\"v\"", json.get("entryVersion").asText());
        assertEquals(7, json.get("id").asLong());
        assertEquals("2025-01-02T03:04:05.123456Z", json.get("occurredAt").asText());
        assertEquals("entra", json.get("profile").asText());
        assertEquals("PATCH", json.get("operation").asText());
        assertEquals("PENDING", json.get("outcome").asText());
        assertTrue(json.get("dn").isNull());
        assertTrue(json.get("completedAt").isNull());
        assertEquals(changes, json.get("changes"));
    }

    @Test
    void entryJsonDoesNotShareTheEntrysChanges() {
        ObjectNode changes = JSON.createObjectNode();
        JournalEntry entry = new JournalEntry(1, Instant.EPOCH, "req", "okta", "okta", Operation.DELETE, "User", "u-1", null,
                changes, Outcome.SUCCEEDED, null, Instant.EPOCH, Origin.BRIDGE, null);

        ((ObjectNode) entry.toJson().get("changes")).put("added", true);

        assertEquals(JSON.createObjectNode(), entry.changes());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
