package org.ldapscim.bridge.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB named lock {@code ldap-scim-bridge-instance-<id>} that this bridge process holds for as long as it
 * runs, on a connection of its own outside the pool. MariaDB releases it when the connection ends, also when the
 * process is killed, so a free lock tells the reconciler that the process which wrote a PENDING entry is gone and
 * its write is no longer in flight. The connection is checked every minute and the lock taken again on a new one
 * if the server dropped it (a restart, {@code wait_timeout}).
 */
final class InstanceLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLock.class);
    static final String PREFIX = "ldap-scim-bridge-instance-";
    private static final long CHECK_SECONDS = 60;

    private final JournalSettings settings;
    private final String instanceId = UUID.randomUUID().toString();
    private final ScheduledExecutorService checker;
    private Connection connection;

    private InstanceLock(JournalSettings settings) {
        this.settings = settings;
        this.checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "journal-instance-lock");
            thread.setDaemon(true);
            return thread;
        });
    }

    static InstanceLock acquire(JournalSettings settings) {
        InstanceLock lock = new InstanceLock(settings);
        try {
            lock.connect();
        } catch (SQLException e) {
            lock.checker.shutdownNow();
            throw new JournalException("Cannot take the instance lock in the journal database: " + e.getMessage(), e);
        }
        lock.checker.scheduleWithFixedDelay(lock::keep, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        return lock;
    }

    String instanceId() {
        return instanceId;
    }

    private synchronized void connect() throws SQLException {
        Connection fresh = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
        try (PreparedStatement get = fresh.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            get.setString(1, PREFIX + instanceId);
            try (ResultSet row = get.executeQuery()) {
                if (!row.next() || row.getInt(1) != 1) {
                    fresh.close();
                    throw new SQLException("the lock " + PREFIX + instanceId + " is held by another connection");
                }
            }
        }
        connection = fresh;
    }

    private synchronized void keep() {
        try {
            if (connection != null && connection.isValid(10)) {
                return;
            }
            if (connection != null) {
                connection.close();
            }
            connect();
            LOG.warn("the journal connection holding instance lock {} was lost and is held again", instanceId);
        } catch (SQLException e) {
            connection = null;
            LOG.error("cannot hold instance lock {} in the journal database; until it is held again, another"
                    + " bridge starting up may reconcile this one's writes in flight: {}", instanceId, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        checker.shutdownNow();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the instance lock's connection: {}", e.getMessage());
            }
            connection = null;
        }
    }
}
