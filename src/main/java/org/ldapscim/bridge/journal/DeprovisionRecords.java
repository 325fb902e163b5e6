package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@code deprovision_state} table: offboardings as they are applied, held, reactivated or rejected, and the
 * journal entries of an operator's decisions. Thread-safe: every call borrows its own pooled connection.
 */
public final class DeprovisionRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MATCHED_TEXT = 256;

    private static final String COLUMNS = """
            SELECT id, resource_type, resource_id, client, request_id, trigger_kind, policy, state, user_name,
                   external_id, dn_before, dn_now, steps, held_request, requested_at, deprovisioned_at, purge_after,
                   closed_at
            FROM deprovision_state
            """;
    private static final String INSERT = """
            INSERT INTO deprovision_state
                (resource_type, resource_id, client, request_id, trigger_kind, policy, state, user_name, external_id,
                 dn_before, dn_now, steps, held_request, requested_at, deprovisioned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)
            """;
    private static final String PROGRESS = """
            UPDATE deprovision_state SET dn_now = ?, steps = ?, purge_after = ? WHERE id = ?
            """;
    private static final String DECISION = """
            INSERT INTO journal_entry
                (occurred_at, request_id, client, profile, origin, operation, resource_type, resource_id, dn, changes,
                 outcome, detail, completed_at)
            VALUES (?, ?, ?, 'operator', 'OPERATOR', ?, ?, ?, ?, ?, 'SUCCEEDED', ?, ?)
            """;

    private final DataSource dataSource;

    public DeprovisionRecords(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The records kept beside this journal. */
    public static DeprovisionRecords of(JournalStore journal) {
        return new DeprovisionRecords(journal.dataSource());
    }

    /**
     * A new row, {@code HELD} or {@code DEPROVISIONED} with no step applied yet.
     *
     * @param heldRequest what an approval applies, for a held row; null otherwise
     * @return the row's id
     */
    public long open(String resourceType, String resourceId, String client, String requestId, String trigger,
                     String policy, String state, String userName, String externalId, String dn, JsonNode heldRequest) {
        Instant now = Instant.now();
        return run("record the offboarding of " + resourceType + " " + resourceId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, resourceType);
                insert.setString(2, resourceId);
                insert.setString(3, ColumnLimits.truncate(client, ColumnLimits.CLIENT));
                insert.setString(4, ColumnLimits.truncate(requestId, ColumnLimits.REQUEST_ID));
                insert.setString(5, trigger);
                insert.setString(6, policy);
                insert.setString(7, state);
                insert.setString(8, matchable(userName));
                insert.setString(9, matchable(externalId));
                insert.setString(10, dn);
                insert.setString(11, dn);
                insert.setString(12, heldRequest == null ? null : json(heldRequest));
                insert.setObject(13, utc(now));
                insert.setObject(14, DeprovisionRecord.HELD.equals(state) ? null : utc(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new JournalException("The journal database returned no id for the new offboarding");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Records the steps applied so far, the DN the entry has now and when it is to be purged. */
    public void progress(long id, String dnNow, ArrayNode steps, Instant purgeAfter) {
        run("record the steps of offboarding " + id, connection -> {
            try (PreparedStatement progress = connection.prepareStatement(PROGRESS)) {
                progress.setString(1, dnNow);
                progress.setString(2, json(steps));
                progress.setObject(3, purgeAfter == null ? null : utc(purgeAfter));
                progress.setLong(4, id);
                return progress.executeUpdate();
            }
        });
    }

    /**
     * Moves a row from one state to another, stamping {@code deprovisioned_at} on reaching DEPROVISIONED (clearing
     * it on going back to HELD) and {@code closed_at} on leaving for good. False when the row is not in {@code from}
     * (someone else moved it).
     */
    public boolean transition(long id, String from, String to) {
        String stamp = DeprovisionRecord.DEPROVISIONED.equals(to) || DeprovisionRecord.HELD.equals(to)
                ? "deprovisioned_at" : "closed_at";
        String sql = "UPDATE deprovision_state SET state = ?, " + stamp + " = ? WHERE id = ? AND state = ?";
        return run("change offboarding " + id + " to " + to, connection -> {
            try (PreparedStatement transition = connection.prepareStatement(sql)) {
                transition.setString(1, to);
                transition.setObject(2, DeprovisionRecord.HELD.equals(to) ? null : utc(Instant.now()));
                transition.setLong(3, id);
                transition.setString(4, from);
                return transition.executeUpdate();
            }
        }) == 1;
    }

    /** Drops a row whose steps were all undone after a failure: nothing of it remains in the directory. */
    public void forget(long id) {
        run("drop offboarding " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM deprovision_state WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate();
            }
        });
    }

    public DeprovisionRecord find(long id) {
        List<DeprovisionRecord> found = select(COLUMNS + " WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The applied offboardings of one resource, newest first: reactivating undoes them in this order. */
    public List<DeprovisionRecord> applied(String resourceType, String resourceId) {
        return select(COLUMNS + " WHERE resource_type = ? AND resource_id = ? AND state = 'DEPROVISIONED' ORDER BY id DESC",
                resourceType, resourceId);
    }

    /** The held offboarding of one resource, or null. */
    public DeprovisionRecord held(String resourceType, String resourceId) {
        List<DeprovisionRecord> found = select(COLUMNS
                + " WHERE resource_type = ? AND resource_id = ? AND state = 'HELD' ORDER BY id DESC", resourceType,
                resourceId);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Applied offboardings by DELETE of accounts that had this userName (compared ignoring case, as SCIM does) or
     * externalId (exactly), newest first; null values match nothing. A deactivated account is still the IdP's to
     * see, so a POST of its userName is a uniqueness conflict, not its return.
     */
    public List<DeprovisionRecord> returning(String resourceType, String userName, String externalId) {
        return select(COLUMNS + " WHERE resource_type = ? AND state = 'DEPROVISIONED' AND trigger_kind = 'DELETE'"
                + " AND (user_name = ?"
                + " OR external_id COLLATE utf8mb4_bin = ?) ORDER BY id DESC", resourceType, matchable(userName),
                matchable(externalId));
    }

    /** Held offboardings by DELETE of accounts that have this userName or externalId, matched as {@link #returning}. */
    public List<DeprovisionRecord> heldReturning(String resourceType, String userName, String externalId) {
        return select(COLUMNS + " WHERE resource_type = ? AND state = 'HELD' AND trigger_kind = 'DELETE'"
                + " AND (user_name = ?"
                + " OR external_id COLLATE utf8mb4_bin = ?) ORDER BY id DESC", resourceType, matchable(userName),
                matchable(externalId));
    }

    /** How many accounts of this type the client has had deprovisioned since then, held ones not counted. */
    public int deprovisionedSince(String client, String resourceType, Instant since) {
        String sql = """
                SELECT COUNT(DISTINCT resource_id) FROM deprovision_state
                WHERE client COLLATE utf8mb4_bin = ? AND resource_type = ? AND requested_at >= ?
                  AND state IN ('DEPROVISIONED', 'REACTIVATED', 'PURGED')
                """;
        return run("count the offboardings of " + client, connection -> {
            try (PreparedStatement count = connection.prepareStatement(sql)) {
                count.setString(1, client);
                count.setString(2, resourceType);
                count.setObject(3, utc(since));
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** The offboardings waiting on someone: held for an operator, and applied with a purge still to come. */
    public PendingDeprovisions pending() {
        String sql = """
                SELECT COALESCE(SUM(state = 'HELD'), 0), COALESCE(SUM(state = 'DEPROVISIONED' AND purge_after IS NOT NULL), 0)
                FROM deprovision_state WHERE state IN ('HELD', 'DEPROVISIONED')
                """;
        return run("count the pending offboardings", connection -> {
            try (PreparedStatement count = connection.prepareStatement(sql); ResultSet row = count.executeQuery()) {
                row.next();
                return new PendingDeprovisions(row.getLong(1), row.getLong(2));
            }
        });
    }

    /** Rows in this state, oldest first, at most {@code limit}. */
    public List<DeprovisionRecord> inState(String state, int limit) {
        return select(COLUMNS + " WHERE state = ? ORDER BY id LIMIT ?", state, limit);
    }

    /**
     * Journals an operator's decision on a held offboarding, with origin OPERATOR.
     *
     * @param operator who decided, e.g. the login name at the terminal
     * @param changes  what was decided, e.g. {@code {"decision": "rejected", "deprovisionId": 12}}
     */
    public void journalDecision(String requestId, String operator, Operation operation, DeprovisionRecord row,
                                ObjectNode changes, String detail) {
        Instant now = Instant.now();
        run("journal the decision on offboarding " + row.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(DECISION)) {
                insert.setObject(1, utc(now));
                insert.setString(2, ColumnLimits.truncate(requestId, ColumnLimits.REQUEST_ID));
                insert.setString(3, ColumnLimits.truncate(operator, ColumnLimits.CLIENT));
                insert.setString(4, operation.name());
                insert.setString(5, row.resourceType());
                insert.setString(6, row.resourceId());
                insert.setString(7, row.dnNow());
                insert.setString(8, json(changes));
                insert.setString(9, ColumnLimits.truncate(detail, ColumnLimits.DETAIL));
                insert.setObject(10, utc(now));
                return insert.executeUpdate();
            }
        });
    }

    private List<DeprovisionRecord> select(String sql, Object... values) {
        return run("read the offboardings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    select.setObject(i + 1, values[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<DeprovisionRecord> records = new ArrayList<>();
                    while (rows.next()) {
                        records.add(recordOf(rows));
                    }
                    return records;
                }
            }
        });
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new JournalException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static DeprovisionRecord recordOf(ResultSet row) throws SQLException {
        String held = row.getString("held_request");
        return new DeprovisionRecord(row.getLong("id"), row.getString("resource_type"), row.getString("resource_id"),
                row.getString("client"), row.getString("request_id"), row.getString("trigger_kind"),
                row.getString("policy"), row.getString("state"), row.getString("user_name"),
                row.getString("external_id"), row.getString("dn_before"), row.getString("dn_now"),
                (ArrayNode) parse(row.getString("steps")), held == null ? null : parse(held),
                instant(row, "requested_at"), instant(row, "deprovisioned_at"), instant(row, "purge_after"),
                instant(row, "closed_at"));
    }

    /** A value too long for its column is not recorded: it could only ever match by its cut-off prefix. */
    private static String matchable(String value) {
        return value == null || value.codePointCount(0, value.length()) > MATCHED_TEXT ? null : value;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime utc = row.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot serialise an offboarding record: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JournalException("An offboarding record holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
