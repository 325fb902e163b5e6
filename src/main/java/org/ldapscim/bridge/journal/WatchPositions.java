package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Where the watcher stopped, kept in the journal database so that a restart resumes there. Thread-safe. */
public final class WatchPositions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT mechanism, position, handled FROM watch_position WHERE directory = ? AND resource_type = ?
            """;
    private static final String UPSERT = """
            INSERT INTO watch_position (directory, resource_type, mechanism, position, handled, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE mechanism = VALUES(mechanism), position = VALUES(position),
                handled = VALUES(handled), updated_at = VALUES(updated_at)
            """;

    private final DataSource dataSource;

    WatchPositions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The position stored for one directory and resource type, if any. */
    public Optional<WatchPosition> find(String directory, String resourceType) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key(directory));
            select.setString(2, resourceType);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String[] handled = JSON.readValue(row.getString("handled"), String[].class);
                return Optional.of(new WatchPosition(row.getString("mechanism"), row.getString("position"),
                        Arrays.asList(handled)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new JournalException("Cannot read the watcher's position: " + e.getMessage(), e);
        }
    }

    /** Stores the position reached, replacing the one before. */
    public void store(String directory, String resourceType, WatchPosition position) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, key(directory));
            upsert.setString(2, resourceType);
            upsert.setString(3, position.mechanism());
            upsert.setString(4, position.position());
            upsert.setString(5, JSON.writeValueAsString(position.handled()));
            upsert.setObject(6, LocalDateTime.now(ZoneOffset.UTC));
            upsert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new JournalException("Cannot store the watcher's position: " + e.getMessage(), e);
        }
    }

    private static String key(String directory) {
        return ColumnLimits.truncate(directory, ColumnLimits.WATCHED_DIRECTORY);
    }
}
