package org.ldapscim.bridge.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.testsupport.DeprovisionRows;
import org.ldapscim.bridge.testsupport.FreshJournalPerTest;

class JournalRetentionIT extends FreshJournalPerTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Instant CUTOFF = NOW.minus(90, ChronoUnit.DAYS);
    private static final Instant OLD = NOW.minus(200, ChronoUnit.DAYS);

    private DeprovisionRows rows;

    @BeforeEach
    void reachRows() {
        rows = new DeprovisionRows(database.settings());
    }

    @Test
    void dropsOldEntriesAndClosedRecordsButKeepsWhatAnAccountStillOffboardedNeeds() {
        // Seven old entries each of accounts: offboarded, held, purged, reactivated, never offboarded.
        for (String account : List.of("offboarded", "held", "purged", "reactivated", "plain")) {
            for (int i = 0; i < 7; i++) {
                entry(account, OLD);
            }
            entry(account, NOW.minus(1, ChronoUnit.DAYS));
        }
        // A group of the same id as the offboarded user is not protected by the user's record.
        entryOfType("Group", "offboarded", OLD);
        long offboarded = rows.insert("DEPROVISIONED", "User", "offboarded", "uid=o,ou=quarantine", null);
        long held = rows.insert("HELD", "User", "held", "uid=h,ou=people", null);
        long purgedLongAgo = rows.insert("PURGED", "User", "purged", "uid=p,ou=quarantine", OLD, OLD);
        long reactivatedLately = rows.insert("REACTIVATED", "User", "reactivated", "uid=r,ou=people", null,
                NOW.minus(1, ChronoUnit.DAYS));
        long rejectedLongAgo = rows.insert("REJECTED", "User", "rejected", "uid=x,ou=people", null, OLD);
        JournalRetention retention = new JournalRetention(journal.dataSource(), 4);

        JournalRetention.Pruned wouldBe = retention.count(CUTOFF);
        assertEquals(new JournalRetention.Pruned(7 * 3 + 1, 2), wouldBe);
        assertEquals(41, entries());

        JournalRetention.Pruned pruned = retention.prune(CUTOFF);

        assertEquals(wouldBe, pruned);
        assertEquals(41 - 22, entries());
        assertEquals(8, entriesOf("User", "offboarded"));
        assertEquals(8, entriesOf("User", "held"));
        assertEquals(1, entriesOf("User", "purged"));
        assertEquals(1, entriesOf("User", "reactivated"));
        assertEquals(1, entriesOf("User", "plain"));
        assertEquals(0, entriesOf("Group", "offboarded"));
        assertNotNull(rows.row(offboarded));
        assertNotNull(rows.row(held));
        assertNotNull(rows.row(reactivatedLately));
        assertNull(rows.row(purgedLongAgo));
        assertNull(rows.row(rejectedLongAgo));
        assertEquals(new JournalRetention.Pruned(0, 0), retention.prune(CUTOFF), "nothing is left to prune");
    }

    @Test
    void countingChangesNothing() {
        for (int i = 0; i < 5; i++) {
            entry("plain", OLD);
        }
        JournalRetention retention = new JournalRetention(journal.dataSource());

        assertEquals(new JournalRetention.Pruned(5, 0), retention.count(CUTOFF));

        assertEquals(5, entries());
    }

    @Test
    void aBatchEndingExactlyAtTheLastOldEntryStillFinishes() {
        for (int i = 0; i < 6; i++) {
            entry("plain", OLD);
        }
        Set<Long> recent = Set.of(entry("plain", NOW));

        assertEquals(new JournalRetention.Pruned(6, 0), new JournalRetention(journal.dataSource(), 3).prune(CUTOFF));

        assertEquals(recent, journal.store().find(new JournalQuery(100, null)).stream().map(JournalEntry::id)
                .collect(Collectors.toSet()));
    }

    @Test
    void prunesALargeJournalBatchByBatch() {
        int old = 50_000;
        rows.execute("""
                INSERT INTO journal_entry (occurred_at, request_id, client, profile, operation, resource_type,
                    resource_id, dn, changes, outcome)
                WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 249),
                     m (i) AS (SELECT high.i * 250 + low.i FROM n high CROSS JOIN n low)
                SELECT ?, CONCAT('req-', i), 'entra', 'entra', 'PATCH', 'User', CONCAT('u-', i MOD 5000),
                       CONCAT('uid=u', i, ',ou=people'), '{"title":{"before":["a"],"after":["b"]}}', 'SUCCEEDED'
                FROM m WHERE i < ?
                """, OLD, old);
        for (int i = 0; i < 50; i++) {
            rows.insert("DEPROVISIONED", "User", "u-" + i, "uid=u" + i + ",ou=quarantine", null);
        }
        long kept = rows.count("SELECT COUNT(*) FROM journal_entry WHERE CAST(SUBSTRING(resource_id, 3) AS INT) < 50");

        long started = System.nanoTime();
        JournalRetention.Pruned pruned = new JournalRetention(journal.dataSource()).prune(CUTOFF);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(old - kept, pruned.journalEntries());
        assertEquals(kept, entries());
        System.out.printf("timing: pruned %d of %d journal entries (%d kept for 50 offboarded accounts) in %d ms,"
                + " %d statements of at most %d rows%n", pruned.journalEntries(), old, kept, millis,
                pruned.journalEntries() / JournalRetention.BATCH_SIZE + 1, JournalRetention.BATCH_SIZE);
    }

    private long entry(String resourceId, Instant occurredAt) {
        return entryOfType("User", resourceId, occurredAt);
    }

    private long entryOfType(String type, String resourceId, Instant occurredAt) {
        long id = journal.store().begin(new JournalIntent("req-" + resourceId, "entra", "entra", Operation.PATCH, type,
                resourceId, "uid=" + resourceId + ",ou=people"));
        rows.execute("UPDATE journal_entry SET occurred_at = ? WHERE id = ?", occurredAt, id);
        return id;
    }

    private long entries() {
        return rows.count("SELECT COUNT(*) FROM journal_entry");
    }

    private long entriesOf(String type, String resourceId) {
        return rows.count("SELECT COUNT(*) FROM journal_entry WHERE resource_type = ? AND resource_id = ?", type,
                resourceId);
    }

    @Test
    void failedAuthenticationsOlderThanTheCutoffGo() {
        AuthFailures failures = journal.authFailures();
        for (Instant at : List.of(OLD, OLD.plusSeconds(1), CUTOFF.plusSeconds(1), NOW)) {
            failures.append(new AuthFailureRecord(0, at, "UNAUTHENTICATED", "192.0.2.1", "STATIC_TOKEN", null, null,
                    "the token matches no client's token hash", null));
        }
        JournalRetention retention = new JournalRetention(journal.dataSource());
        assertEquals(new JournalRetention.Pruned(0, 0, 2), retention.count(CUTOFF));
        assertEquals(new JournalRetention.Pruned(0, 0, 2), retention.prune(CUTOFF));
        assertEquals(List.of(NOW, CUTOFF.plusSeconds(1)),
                failures.find(10, null, null, null).stream().map(AuthFailureRecord::occurredAt).toList());
    }
}
