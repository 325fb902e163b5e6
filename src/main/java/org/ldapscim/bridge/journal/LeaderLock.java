package org.ldapscim.bridge.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of one job among the bridge instances that share a journal database: a MariaDB named lock
 * ({@code GET_LOCK}) held by a connection of this lock's own. Not a pooled one: a pool would hand the
 * connection, and with it the lock, to other work, and would keep the lock alive after this lock let go of it.
 * The server frees the lock when this connection ends, so when the leading instance dies another one takes
 * over at its next {@link #lead()}. Named locks are server-wide, so the name includes the database's.
 * Thread-safe.
 */
public final class LeaderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);
    private static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");
    private static final String PREFIX = "ldap-scim-bridge.";
    // MySQL refuses longer names; MariaDB takes them, but a name should work on both.
    private static final int MAX_NAME_LENGTH = 64;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private final JournalSettings settings;
    private final String job;
    private final long idleSeconds;
    private Connection connection;
    private String name;

    /**
     * @param job    the job's name: lower-case letters, digits and dashes, at most 24 characters
     * @param idle   the longest the connection sits unused between two {@link #lead()} calls; the server is told
     *               not to close it as idle for longer than that
     */
    public LeaderLock(JournalSettings settings, String job, Duration idle) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!JOB_NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("a job name is lower-case letters, digits and dashes, at most 24: " + job);
        }
        this.job = job;
        this.idleSeconds = Math.max(60, idle.toSeconds() * 2 + 60);
    }

    /**
     * Whether this instance leads the job now: it checks that the lock it holds is still its connection's, else
     * tries once to take it, never waiting for another holder. A lost connection counts as leadership lost.
     */
    public synchronized boolean lead() {
        if (connection != null) {
            if (stillHeld()) {
                return true;
            }
            LOG.warn("lost the lock of job {}: another instance may take it over", job);
            drop();
        }
        return take();
    }

    /** Whether the lock was held at the last {@link #lead()}. */
    public synchronized boolean held() {
        return connection != null;
    }

    /** Releases the lock, if held, so that another instance may take it over at once. */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            release.setString(1, name);
            release.executeQuery().close();
        } catch (SQLException e) {
            // Closing the connection below releases it just the same.
            LOG.debug("could not release the lock of job {}: {}", job, e.getMessage());
        }
        drop();
    }

    private boolean stillHeld() {
        try (PreparedStatement check = connection.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
            check.setString(1, name);
            try (ResultSet row = check.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean take() {
        Connection opened = null;
        try {
            opened = DriverManager.getConnection(settings.jdbcUrl(), connectionProperties());
            String lockName = lockName(databaseOf(opened));
            try (PreparedStatement idle = opened.prepareStatement("SET SESSION wait_timeout = ?")) {
                idle.setLong(1, idleSeconds);
                idle.execute();
            }
            try (PreparedStatement acquire = opened.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                acquire.setString(1, lockName);
                try (ResultSet row = acquire.executeQuery()) {
                    if (row.next() && row.getInt(1) == 1) {
                        connection = opened;
                        name = lockName;
                        LOG.info("this instance now runs job {}", job);
                        return true;
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot ask the journal database for the lock of job {}: {}", job, e.getMessage());
        }
        closeQuietly(opened);
        return false;
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", settings.username());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        // A check on a connection whose server went silent fails after this, instead of hanging the job's thread.
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MILLIS));
        return properties;
    }

    private static String databaseOf(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT DATABASE()");
             ResultSet row = select.executeQuery()) {
            return row.next() && row.getString(1) != null ? row.getString(1) : "";
        }
    }

    /** The lock's name: the job's and the database's, the latter as a digest when the whole would be too long. */
    String lockName(String database) {
        String readable = PREFIX + job + "@" + database;
        if (readable.length() <= MAX_NAME_LENGTH) {
            return readable;
        }
        return PREFIX + job + "@" + digest(database).substring(0, MAX_NAME_LENGTH - PREFIX.length() - job.length() - 1);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private void drop() {
        closeQuietly(connection);
        connection = null;
        name = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a lock connection failed: {}", e.getMessage());
        }
    }
}
