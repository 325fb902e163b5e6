package org.ldapscim.bridge.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The offboarded accounts due to be purged, and the claim that lets exactly one bridge instance purge each.
 * Thread-safe.
 */
public final class DueDeprovisions {
    private static final String DUE = """
            SELECT id, resource_type, resource_id, dn_now, purge_after
            FROM deprovision_state
            WHERE state = 'DEPROVISIONED' AND purge_after <= ?
            ORDER BY purge_after, id
            LIMIT ?
            """;
    // Checks the row again under its lock: another instance may have purged it, or an operator reactivated it,
    // since it was listed.
    private static final String CLAIM = """
            UPDATE deprovision_state SET state = 'PURGED', closed_at = ?
            WHERE id = ? AND state = 'DEPROVISIONED' AND purge_after <= ?
            """;
    // One account may have several open rows (Entra deactivates, then deletes): once it is purged none of them can
    // be reactivated or approved any more.
    private static final String CLOSE_OTHERS = """
            UPDATE deprovision_state SET state = 'PURGED', closed_at = ?
            WHERE resource_type = ? AND resource_id = ? AND state IN ('DEPROVISIONED', 'HELD') AND id <> ?
            """;

    private final DataSource dataSource;

    public DueDeprovisions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** At most {@code limit} accounts whose grace period ended at or before {@code now}, longest overdue first. */
    public List<DueDeprovision> due(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DUE)) {
            select.setObject(1, utc(now));
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<DueDeprovision> due = new ArrayList<>();
                while (rows.next()) {
                    due.add(new DueDeprovision(rows.getLong("id"), rows.getString("resource_type"),
                            rows.getString("resource_id"), rows.getString("dn_now"),
                            rows.getObject("purge_after", LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
                return due;
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot list the accounts due to be purged: " + e.getMessage(), e);
        }
    }

    /**
     * Claims the account for purging: marks its row, and every other open row of the account, {@code PURGED} in a
     * transaction that stays open, holding the rows' locks, until {@link PurgeClaim#commit()}. Another instance's
     * claim, or a reactivation, waits for it and then finds the rows no longer {@code DEPROVISIONED}; closing the
     * claim without committing (a failed purge, or a bridge that died) leaves the rows as they were, for the next run.
     *
     * @return the claim, or null when the row is no longer due (purged, reactivated, or its period extended)
     */
    public PurgeClaim claim(DueDeprovision due, Instant now) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(CLAIM)) {
                update.setObject(1, utc(now));
                update.setLong(2, due.id());
                update.setObject(3, utc(now));
                if (update.executeUpdate() == 1) {
                    closeOthers(connection, due, now);
                    return new PurgeClaim(connection, due.id());
                }
            }
            PurgeClaim.abandon(connection);
            return null;
        } catch (SQLException e) {
            PurgeClaim.abandon(connection);
            throw new JournalException("Cannot claim offboarding record " + due.id() + " for purging: "
                    + e.getMessage(), e);
        }
    }

    private static void closeOthers(Connection connection, DueDeprovision due, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CLOSE_OTHERS)) {
            update.setObject(1, utc(now));
            update.setString(2, due.resourceType());
            update.setString(3, due.resourceId());
            update.setLong(4, due.id());
            update.executeUpdate();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
