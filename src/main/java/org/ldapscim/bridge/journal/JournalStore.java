package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Records each SCIM write in two steps, {@link #begin} before the directory is changed and
 * {@link #complete} afterwards, and lists what was recorded. It is thread-safe: every call borrows
 * its own pooled connection.
 */
public final class JournalStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT = """
            INSERT INTO journal_entry
                (occurred_at, request_id, client, profile, operation, resource_type, resource_id, dn, changes, outcome,
                 instance_id, body_hash, client_request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
            """;
    // Only a pending entry may be completed, so a recorded outcome is never overwritten.
    // A null resource id or DN keeps what begin() recorded.
    private static final String COMPLETE = """
            UPDATE journal_entry
            SET outcome = ?, resource_id = COALESCE(?, resource_id), dn = COALESCE(?, dn),
                changes = ?, detail = ?, completed_at = ?, entry_version = COALESCE(?, entry_version)
            WHERE id = ? AND outcome = 'PENDING'
            """;
    private static final String OUTCOME_OF = "SELECT outcome FROM journal_entry WHERE id = ?";
    private static final String COLUMNS = """
            SELECT id, occurred_at, request_id, client, profile, operation, resource_type, resource_id, dn,
                   changes, outcome, detail, completed_at, origin, entry_version
            FROM journal_entry
            """;
    private static final String INSERT_DIRECTORY_CHANGE = """
            INSERT INTO journal_entry
                (occurred_at, request_id, client, origin, operation, resource_type, resource_id, dn, entry_version,
                 changes, outcome, detail, completed_at)
            VALUES (?, ?, ?, 'DIRECTORY', ?, ?, ?, ?, ?, ?, 'SUCCEEDED', ?, ?)
            """;
    private static final String RECORD_VERSION = "UPDATE journal_entry SET entry_version = ? WHERE id = ?";
    // A refused write changed nothing, so it says nothing about the entry's version.
    private static final String LATEST_FOR = COLUMNS + """
             WHERE resource_type = ? AND outcome <> 'FAILED'
               AND (resource_id = ? OR (resource_id IS NULL AND dn = ?))
             ORDER BY id DESC LIMIT 1
            """;
    private static final String HOLDS_VERSION = """
            SELECT 1 FROM journal_entry
            WHERE resource_type = ? AND resource_id = ? AND entry_version = ? AND outcome <> 'FAILED'
            LIMIT 1
            """;
    // An offboarding that moved the entry out of the base DNs deleted it as the IdP sees it, until a reactivation
    // brought it back.
    private static final String DELETION_OF = """
            SELECT 1 FROM journal_entry d
            WHERE d.resource_type = ? AND d.resource_id = ? AND d.outcome <> 'FAILED'
              AND (d.operation IN ('DELETE', 'PURGE')
                OR (d.operation = 'DEPROVISION' AND JSON_CONTAINS(d.changes, 'true', '$.leftBaseDns') = 1
                    AND NOT EXISTS (SELECT 1 FROM journal_entry r
                                    WHERE r.resource_type = d.resource_type AND r.resource_id = d.resource_id
                                      AND r.operation = 'REACTIVATE' AND r.outcome = 'SUCCEEDED' AND r.id > d.id)))
            LIMIT 1
            """;
    private static final String DELETIONS_SINCE = COLUMNS + """
             WHERE resource_type = ? AND outcome = 'SUCCEEDED' AND (operation IN ('DELETE', 'PURGE')
                OR (operation = 'DEPROVISION' AND JSON_CONTAINS(changes, 'true', '$.leftBaseDns') = 1))
               AND completed_at >= ?
             ORDER BY completed_at, id LIMIT ?
            """;
    private static final String NEWEST_FIRST = " ORDER BY id DESC LIMIT ?";
    // UNKNOWN entries are finished writes; a PENDING one is in flight while the process that wrote it holds its
    // instance lock. Entries from before instance ids were recorded have no lock to ask.
    private static final String UNFINISHED = COLUMNS + """
            WHERE id > ? AND origin = 'BRIDGE'
              AND operation IN ('CREATE', 'REPLACE', 'PATCH', 'DELETE', 'DEPROVISION', 'REACTIVATE', 'PURGE')
              AND (outcome = 'UNKNOWN'
                   OR (outcome = 'PENDING' AND (instance_id IS NULL
                       OR (instance_id <> ? AND IS_FREE_LOCK(CONCAT(?, instance_id)) = 1))))
            ORDER BY id LIMIT ?
            """;
    private static final String RESOLVE = """
            UPDATE journal_entry
            SET outcome = ?, resource_id = COALESCE(?, resource_id), detail = ?, completed_at = ?
            WHERE id = ? AND outcome = ?
            """;
    // Only fixed column names are put into it: body_hash or client_request_id.
    private static final String EARLIER_CREATE = COLUMNS + """
            WHERE operation = 'CREATE' AND origin = 'BRIDGE' AND occurred_at >= ?
              AND client COLLATE utf8mb4_bin = ? AND resource_type = ?
              AND outcome IN ('PENDING', 'SUCCEEDED', 'UNKNOWN') AND %s = ?
            ORDER BY id DESC LIMIT 1
            """;

    private final DataSource dataSource;
    private final String instanceId;
    private final Duration createRetryWindow;
    private volatile WriteListener writes = WriteListener.NONE;

    JournalStore(DataSource dataSource) {
        this(dataSource, null, JournalSettings.DEFAULT_CREATE_RETRY_WINDOW);
    }

    /**
     * @param instanceId        recorded on each entry: the process's {@link InstanceLock}, or null for none
     * @param createRetryWindow how far back {@link #createWithRequestId} and {@link #createWithBody} look
     */
    JournalStore(DataSource dataSource, String instanceId, Duration createRetryWindow) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.instanceId = instanceId;
        this.createRetryWindow = Objects.requireNonNull(createRetryWindow, "createRetryWindow");
    }

    /** Tells {@code listener} of every write from now on. */
    public void timeWrites(WriteListener listener) {
        this.writes = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Borrows a connection and runs {@code SELECT 1}, the query given {@code timeoutSeconds}: whether the journal
     * answers. The failure names the SQL state and kind of error only, since a driver's message may quote the URL.
     */
    public void ping(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection();
             Statement select = connection.createStatement()) {
            select.setQueryTimeout(timeoutSeconds);
            select.executeQuery("SELECT 1").close();
        } catch (SQLException e) {
            throw new JournalException("The journal database does not answer (SQL state " + e.getSQLState() + ", "
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private <T> T timed(String write, Supplier<T> body) {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            T result = body.get();
            failed = false;
            return result;
        } finally {
            writes.written(write, failed, System.nanoTime() - started);
        }
    }

    /** The journal's database, for the tables kept beside {@code journal_entry}. */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Records that a write is about to happen.
     *
     * @return the id of the new {@link Outcome#PENDING} entry, to pass to {@link #complete}
     */
    public long begin(JournalIntent intent) {
        Objects.requireNonNull(intent, "intent");
        return timed("begin", () -> inserted(intent));
    }

    private long inserted(JournalIntent intent) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, utc(Instant.now()));
            insert.setString(2, intent.requestId());
            insert.setString(3, intent.client());
            insert.setString(4, intent.profile());
            insert.setString(5, intent.operation().name());
            insert.setString(6, intent.resourceType());
            insert.setString(7, intent.resourceId());
            insert.setString(8, intent.dn());
            insert.setString(9, toJson(intent.changes()));
            insert.setString(10, instanceId);
            insert.setString(11, intent.bodyHash());
            insert.setString(12, intent.clientRequestId());
            return insertedId(insert);
        } catch (SQLException e) {
            throw new JournalException("Cannot record the start of " + intent.operation()
                    + " for request " + intent.requestId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records how a begun write ended.
     *
     * @param entryId    the id that {@link #begin} returned
     * @param outcome    {@link Outcome#SUCCEEDED}, {@link Outcome#FAILED} or {@link Outcome#UNKNOWN}
     * @param resourceId the SCIM id, or {@code null} to keep the one recorded at begin
     * @param dn         the LDAP DN, or {@code null} to keep the one recorded at begin
     * @param changes    attribute name to {@code {"before":[...],"after":[...]}}; {@code null} means none
     * @param detail     a short explanation or {@code null}; cut to 1024 characters
     * @throws JournalException if no pending entry has that id
     */
    public void complete(long entryId, Outcome outcome, String resourceId, String dn, ObjectNode changes,
                         String detail) {
        complete(entryId, outcome, resourceId, dn, changes, detail, null);
    }

    /**
     * As {@link #complete(long, Outcome, String, String, ObjectNode, String)}, recording in the same statement the
     * version the write left the entry with ({@code null}: none known), as {@link #recordVersion} would.
     */
    public void complete(long entryId, Outcome outcome, String resourceId, String dn, ObjectNode changes,
                         String detail, String entryVersion) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.PENDING) {
            throw new IllegalArgumentException("A journal entry is completed as SUCCEEDED, FAILED or UNKNOWN, not PENDING");
        }
        ColumnLimits.requireFits(resourceId, ColumnLimits.RESOURCE_ID, "resourceId");
        ColumnLimits.requireFits(dn, ColumnLimits.DN, "dn");
        ColumnLimits.requireFits(entryVersion, ColumnLimits.ENTRY_VERSION, "entryVersion");
        String changesJson = toJson(changes == null ? JSON.createObjectNode() : changes);
        timed("complete", () -> {
            completed(entryId, outcome, resourceId, dn, changesJson, detail, entryVersion);
            return null;
        });
    }

    private void completed(long entryId, Outcome outcome, String resourceId, String dn, String changesJson,
                           String detail, String entryVersion) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(COMPLETE)) {
                update.setString(1, outcome.name());
                update.setString(2, resourceId);
                update.setString(3, dn);
                update.setString(4, changesJson);
                update.setString(5, ColumnLimits.truncate(detail, ColumnLimits.DETAIL));
                update.setObject(6, utc(Instant.now()));
                update.setString(7, entryVersion);
                update.setLong(8, entryId);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            throw new JournalException(whyNotPending(connection, entryId));
        } catch (SQLException e) {
            throw new JournalException("Cannot record the outcome of journal entry " + entryId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The entries the query selects, newest first. */
    public List<JournalEntry> find(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        // Only fixed condition text goes into the SQL; every value the caller gave is a bound parameter.
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (query.resourceId() != null) {
            conditions.add("resource_id = ?");
            values.add(query.resourceId());
        }
        if (query.clientName() != null) {
            // The table's collation ignores case; a client is named exactly as configured.
            conditions.add("client COLLATE utf8mb4_bin = ?");
            values.add(query.clientName());
        }
        if (query.operation() != null) {
            conditions.add("operation = ?");
            values.add(query.operation().name());
        }
        if (query.origin() != null) {
            conditions.add("origin = ?");
            values.add(query.origin().name());
        }
        if (query.since() != null) {
            conditions.add("occurred_at >= ?");
            values.add(utc(query.since()));
        }
        if (query.until() != null) {
            conditions.add("occurred_at < ?");
            values.add(utc(query.until()));
        }
        String sql = COLUMNS + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + NEWEST_FIRST;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Object value : values) {
                select.setObject(parameter++, value);
            }
            select.setInt(parameter, query.limit());
            return entriesOf(select);
        } catch (SQLException e) {
            throw new JournalException("Cannot read the journal: " + e.getMessage(), e);
        }
    }

    /**
     * Records a change the watcher saw made in the directory, complete in one step: there was no write of the
     * bridge's to wait for.
     *
     * @return the new entry's id
     */
    public long recordDirectoryChange(DirectoryChange change) {
        Objects.requireNonNull(change, "change");
        ColumnLimits.requireFits(change.dn(), ColumnLimits.DN, "dn");
        String client = change.changedBy() == null || change.changedBy().isBlank() ? DirectoryChange.UNKNOWN_AUTHOR
                : ColumnLimits.truncate(change.changedBy(), ColumnLimits.CLIENT);
        return timed("directoryChange", () -> inserted(change, client));
    }

    private long inserted(DirectoryChange change, String client) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_DIRECTORY_CHANGE,
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, utc(change.occurredAt()));
            insert.setString(2, "watcher-" + java.util.UUID.randomUUID());
            insert.setString(3, client);
            insert.setString(4, change.operation().name());
            insert.setString(5, change.resourceType());
            insert.setString(6, change.resourceId());
            insert.setString(7, change.dn());
            insert.setString(8, change.entryVersion());
            insert.setString(9, toJson(change.changes()));
            insert.setString(10, ColumnLimits.truncate(change.detail(), ColumnLimits.DETAIL));
            insert.setObject(11, utc(Instant.now()));
            return insertedId(insert);
        } catch (SQLException e) {
            throw new JournalException("Cannot record a directory-side " + change.operation() + " of "
                    + change.resourceType() + " " + change.resourceId() + ": " + e.getMessage(), e);
        }
    }

    /** Records the entry's version (meta.version) as the write of entry {@code entryId} left it. */
    public void recordVersion(long entryId, String entryVersion) {
        ColumnLimits.requireFits(entryVersion, ColumnLimits.ENTRY_VERSION, "entryVersion");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(RECORD_VERSION)) {
            update.setString(1, entryVersion);
            update.setLong(2, entryId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("Cannot record the version of journal entry " + entryId + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The newest entry that was not refused for the resource: by its id, or by its DN for a create still without
     * one. Empty when the journal knows nothing of it.
     */
    public java.util.Optional<JournalEntry> latestFor(String resourceType, String resourceId, String dn) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LATEST_FOR)) {
            select.setString(1, resourceType);
            select.setString(2, resourceId);
            select.setString(3, dn);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? java.util.Optional.of(entryOf(rows)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot read the journal: " + e.getMessage(), e);
        }
    }

    /** Whether any entry of the resource that was not refused left it with this version (meta.version). */
    public boolean holdsVersion(String resourceType, String resourceId, String entryVersion) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(HOLDS_VERSION)) {
            select.setString(1, resourceType);
            select.setString(2, resourceId);
            select.setString(3, entryVersion);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot read the journal: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the journal holds a deletion (or purge) of the resource that was not refused, or an offboarding that
     * moved it out of the base DNs and was not undone since.
     */
    public boolean recordsDeletionOf(String resourceType, String resourceId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DELETION_OF)) {
            select.setString(1, resourceType);
            select.setString(2, resourceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot read the journal: " + e.getMessage(), e);
        }
    }

    /**
     * The deletions and purges of resources of this type that were recorded at or after {@code since}, and the
     * offboarding steps that moved one out of the base DNs (deleted, as its IdP was told), oldest
     * first, at most {@code limit}. The time is when the journal learned of the deletion, so a client that asks
     * again from its last answer misses none, including those the watcher found late.
     */
    public List<JournalEntry> deletionsSince(String resourceType, Instant since, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DELETIONS_SINCE)) {
            select.setString(1, resourceType);
            select.setObject(2, utc(since));
            select.setInt(3, limit);
            return entriesOf(select);
        } catch (SQLException e) {
            throw new JournalException("Cannot read the journal: " + e.getMessage(), e);
        }
    }

    /**
     * Writes that may not have been recorded as they ended, oldest first from after entry {@code afterId}, at most
     * {@code limit}: every {@link Outcome#UNKNOWN} SCIM write, and every {@link Outcome#PENDING} one whose process is gone (its instance
     * lock is free), never one in flight in a running bridge, this one included.
     */
    public List<JournalEntry> unfinished(long afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(UNFINISHED)) {
            select.setLong(1, afterId);
            select.setString(2, instanceId == null ? "" : instanceId);
            select.setString(3, InstanceLock.PREFIX);
            select.setInt(4, limit);
            return entriesOf(select);
        } catch (SQLException e) {
            throw new JournalException("Cannot read the unfinished journal entries: " + e.getMessage(), e);
        }
    }

    /**
     * Records the outcome found for an entry that was {@code from} ({@link Outcome#PENDING} or
     * {@link Outcome#UNKNOWN}), keeping its changes.
     *
     * @return false if the entry was no longer {@code from}: another bridge resolved it first
     */
    public boolean resolve(long entryId, Outcome from, Outcome to, String resourceId, String detail) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to == Outcome.PENDING) {
            throw new IllegalArgumentException("A journal entry is resolved as SUCCEEDED, FAILED or UNKNOWN, not PENDING");
        }
        ColumnLimits.requireFits(resourceId, ColumnLimits.RESOURCE_ID, "resourceId");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(RESOLVE)) {
            update.setString(1, to.name());
            update.setString(2, resourceId);
            update.setString(3, ColumnLimits.truncate(detail, ColumnLimits.DETAIL));
            update.setObject(4, utc(Instant.now()));
            update.setLong(5, entryId);
            update.setString(6, from.name());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new JournalException("Cannot record the outcome of journal entry " + entryId + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The newest create of this client and resource type within the retry window that carried this client request
     * id and was not refused, or null.
     */
    public JournalEntry createWithRequestId(String client, String resourceType, String clientRequestId) {
        return earlierCreate("client_request_id", client, resourceType, clientRequestId);
    }

    /**
     * The newest create of this client and resource type within the retry window whose body had this hash and
     * that was not refused, or null.
     */
    public JournalEntry createWithBody(String client, String resourceType, String bodyHash) {
        return earlierCreate("body_hash", client, resourceType, bodyHash);
    }

    private JournalEntry earlierCreate(String column, String client, String resourceType, String value) {
        if (value == null) {
            return null;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(EARLIER_CREATE.formatted(column))) {
            select.setObject(1, utc(Instant.now().minus(createRetryWindow)));
            select.setString(2, client);
            select.setString(3, resourceType);
            select.setString(4, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? entryOf(row) : null;
            }
        } catch (SQLException e) {
            throw new JournalException("Cannot look for an earlier create in the journal: " + e.getMessage(), e);
        }
    }

    private static String whyNotPending(Connection connection, long entryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(OUTCOME_OF)) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "There is no journal entry " + entryId;
                }
                return "Journal entry " + entryId + " is already " + row.getString(1);
            }
        }
    }

    private static long insertedId(PreparedStatement insert) throws SQLException {
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new JournalException("The journal database returned no id for the new entry");
            }
            return keys.getLong(1);
        }
    }

    private static List<JournalEntry> entriesOf(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<JournalEntry> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(entryOf(rows));
            }
            return entries;
        }
    }

    private static JournalEntry entryOf(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        return new JournalEntry(
                id,
                instant(row.getObject("occurred_at", LocalDateTime.class)),
                row.getString("request_id"),
                row.getString("client"),
                row.getString("profile"),
                Operation.valueOf(row.getString("operation")),
                row.getString("resource_type"),
                row.getString("resource_id"),
                row.getString("dn"),
                parse(row.getString("changes"), id),
                Outcome.valueOf(row.getString("outcome")),
                row.getString("detail"),
                instant(row.getObject("completed_at", LocalDateTime.class)),
                Origin.valueOf(row.getString("origin")),
                row.getString("entry_version"));
    }

    // DATETIME carries no zone; the journal always stores UTC, so the session zone never matters.
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static String toJson(ObjectNode changes) {
        try {
            return JSON.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot serialise the changes of a journal entry: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String changes, long entryId) {
        try {
            return JSON.readTree(changes);
        } catch (JsonProcessingException e) {
            throw new JournalException("Journal entry " + entryId + " holds changes that are not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
