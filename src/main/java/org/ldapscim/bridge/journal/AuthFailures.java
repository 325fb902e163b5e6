package org.ldapscim.bridge.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** The {@code auth_failure} table: failed authentications and lockouts, newest first. Thread-safe. */
public final class AuthFailures {
    private static final int EVENT = 16;
    private static final int SOURCE = 45;
    private static final int CREDENTIAL = 16;
    private static final int ISSUER = 255;
    private static final int REASON = 512;
    private static final String INSERT = """
            INSERT INTO auth_failure (occurred_at, event, source_address, credential, client, issuer, reason,
                                      request_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;

    AuthFailures(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public void append(AuthFailureRecord failure) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, utc(failure.occurredAt()));
            insert.setString(2, ColumnLimits.requirePresent(failure.event(), EVENT, "event"));
            insert.setString(3, ColumnLimits.requirePresent(failure.sourceAddress(), SOURCE, "sourceAddress"));
            insert.setString(4, ColumnLimits.requireFits(failure.credential(), CREDENTIAL, "credential"));
            // Client and issuer may come from an unverified token: whatever its sender wrote, shortened.
            insert.setString(5, ColumnLimits.truncate(failure.client(), ColumnLimits.CLIENT));
            insert.setString(6, ColumnLimits.truncate(failure.issuer(), ISSUER));
            insert.setString(7, ColumnLimits.truncate(failure.reason(), REASON));
            if (failure.count() == null) {
                insert.setNull(8, Types.BIGINT);
            } else {
                insert.setLong(8, failure.count());
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("Cannot journal a failed authentication: " + e.getMessage(), e);
        }
    }

    /**
     * The newest {@code limit} rows that pass every filter given; a null filter lets all pass.
     *
     * @param client only rows of this client, matched exactly
     * @param since  only rows at or after this instant
     * @param until  only rows before this instant
     */
    public List<AuthFailureRecord> find(int limit, String client, Instant since, Instant until) {
        if (limit < JournalQuery.MIN_LIMIT || limit > JournalQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between " + JournalQuery.MIN_LIMIT + " and "
                    + JournalQuery.MAX_LIMIT + ", not " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, event, source_address, credential, client,"
                + " issuer, reason, request_count FROM auth_failure WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (client != null) {
            sql.append(" AND client = ?");
            parameters.add(client);
        }
        if (since != null) {
            sql.append(" AND occurred_at >= ?");
            parameters.add(utc(since));
        }
        if (until != null) {
            sql.append(" AND occurred_at < ?");
            parameters.add(utc(until));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<AuthFailureRecord> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new AuthFailureRecord(row.getLong("id"),
                            row.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            row.getString("event"), row.getString("source_address"), row.getString("credential"),
                            row.getString("client"), row.getString("issuer"), row.getString("reason"),
                            row.getObject("request_count", Long.class)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new JournalException("Cannot read failed authentications: " + e.getMessage(), e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
