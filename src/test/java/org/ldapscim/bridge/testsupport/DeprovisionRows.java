package org.ldapscim.bridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.ldapscim.bridge.journal.JournalSettings;

/**
 * Offboarding records written and read with plain SQL, as the {@code deprovision_state} table of the journal's
 * migrations defines them, for tests of what reads that table.
 */
public final class DeprovisionRows {
    private final JournalSettings settings;

    public DeprovisionRows(JournalSettings settings) {
        this.settings = settings;
    }

    /** One row's state and closing time, as stored. */
    public record Row(String state, Instant closedAt) {
    }

    /** Inserts a row in {@code state} for the account at {@code dn}; {@code purgeAfter} null: never purged. */
    public long insert(String state, String resourceType, String resourceId, String dn, Instant purgeAfter) {
        Instant now = Instant.now();
        boolean closed = !state.equals("HELD") && !state.equals("DEPROVISIONED");
        return insert(state, resourceType, resourceId, dn, purgeAfter, closed ? now : null);
    }

    /** As {@link #insert(String, String, String, String, Instant)}, closed at {@code closedAt}. */
    public long insert(String state, String resourceType, String resourceId, String dn, Instant purgeAfter,
                       Instant closedAt) {
        String sql = """
                INSERT INTO deprovision_state (resource_type, resource_id, client, request_id, trigger_kind, policy,
                    state, user_name, external_id, dn_before, dn_now, steps, held_request, requested_at,
                    deprovisioned_at, purge_after, closed_at)
                VALUES (?, ?, 'entra', 'req-offboard', 'DELETE', 'quarantine', ?, NULL, NULL, ?, ?, '[]', NULL, ?, ?, ?, ?)
                """;
        Instant requested = Instant.now().minus(30, ChronoUnit.DAYS);
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, resourceType);
            insert.setString(2, resourceId);
            insert.setString(3, state);
            insert.setString(4, dn);
            insert.setString(5, dn);
            insert.setObject(6, utc(requested));
            insert.setObject(7, state.equals("HELD") ? null : utc(requested));
            insert.setObject(8, purgeAfter == null ? null : utc(purgeAfter));
            insert.setObject(9, closedAt == null ? null : utc(closedAt));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert an offboarding record: " + e.getMessage(), e);
        }
    }

    /** The row with this id, or null when there is none. */
    public Row row(long id) {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT state, closed_at FROM deprovision_state WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                LocalDateTime closedAt = row.getObject("closed_at", LocalDateTime.class);
                return new Row(row.getString("state"), closedAt == null ? null : closedAt.toInstant(ZoneOffset.UTC));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read offboarding record " + id + ": " + e.getMessage(), e);
        }
    }

    /** Runs one statement on the journal database, for what a test sets up beyond these rows. */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof Instant instant ? utc(instant) : parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The single number a query answers. */
    public long count(String sql, Object... parameters) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i] instanceof Instant instant ? utc(instant) : parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
