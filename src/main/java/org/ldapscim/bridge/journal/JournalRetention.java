package org.ldapscim.bridge.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Drops journal entries and failed authentications older than the retention period, and offboarding records
 * closed before it, except
 * what an account still offboarded and not purged needs: the entries of a resource with a {@code HELD} or
 * {@code DEPROVISIONED} offboarding record, and those records themselves, stay. Deletes go in batches, each
 * its own short transaction, so that a large journal never holds its locks for long. Thread-safe.
 */
public final class JournalRetention {
    /** Rows deleted per statement. */
    public static final int BATCH_SIZE = 1_000;

    private static final String OLD_ENTRIES = """
            FROM journal_entry
            WHERE occurred_at < ?
              AND NOT EXISTS (SELECT 1 FROM deprovision_state kept
                              WHERE kept.resource_type = journal_entry.resource_type
                                AND kept.resource_id = journal_entry.resource_id
                                AND kept.state IN ('HELD', 'DEPROVISIONED'))
            """;
    private static final String CLOSED_RECORDS = """
            FROM deprovision_state
            WHERE state IN ('REACTIVATED', 'PURGED', 'REJECTED') AND closed_at < ?
            """;
    private static final String OLD_AUTH_FAILURES = "FROM auth_failure WHERE occurred_at < ?";

    private final DataSource dataSource;
    private final int batchSize;

    public JournalRetention(DataSource dataSource) {
        this(dataSource, BATCH_SIZE);
    }

    JournalRetention(DataSource dataSource, int batchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /** What pruning removed, or with {@link #count} would remove. */
    public record Pruned(long journalEntries, long deprovisionRecords, long authFailures) {

        public Pruned(long journalEntries, long deprovisionRecords) {
            this(journalEntries, deprovisionRecords, 0);
        }
    }

    /** Deletes what is older than {@code cutoff} and not kept; stops early when the thread is interrupted. */
    public Pruned prune(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        long entries = deleteInBatches("DELETE " + OLD_ENTRIES + " ORDER BY id LIMIT ?", cutoff);
        long records = deleteInBatches("DELETE " + CLOSED_RECORDS + " ORDER BY id LIMIT ?", cutoff);
        long failures = deleteInBatches("DELETE " + OLD_AUTH_FAILURES + " ORDER BY id LIMIT ?", cutoff);
        return new Pruned(entries, records, failures);
    }

    /** What {@link #prune} would delete now, changing nothing. */
    public Pruned count(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return new Pruned(count("SELECT COUNT(*) " + OLD_ENTRIES, cutoff), count("SELECT COUNT(*) " + CLOSED_RECORDS, cutoff),
                count("SELECT COUNT(*) " + OLD_AUTH_FAILURES, cutoff));
    }

    private long deleteInBatches(String sql, Instant cutoff) {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, utc(cutoff));
            delete.setInt(2, batchSize);
            int batch;
            do {
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == batchSize && !Thread.currentThread().isInterrupted());
            return deleted;
        } catch (SQLException e) {
            throw new JournalException("Cannot prune the journal (" + deleted + " rows deleted before the failure): "
                    + e.getMessage(), e);
        }
    }

    private long count(String sql, Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, utc(cutoff));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot count what pruning would remove: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
