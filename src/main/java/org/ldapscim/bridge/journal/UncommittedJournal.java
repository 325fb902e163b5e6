package org.ldapscim.bridge.journal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The journal for a dry run: one connection whose transaction is rolled back on {@link #close()}, so the
 * {@link JournalStore} and {@link DeprovisionRecords} over it write and read back their rows as they would, the
 * brake counting what this run recorded, and nothing stays in the database. The commits, rollbacks and closes of
 * the code using it do nothing: the whole run is one transaction. The schema must be up to date already, as
 * {@code serve} leaves it; a dry run migrates nothing. Not thread-safe.
 */
public final class UncommittedJournal implements AutoCloseable {
    private final Connection connection;
    private final DataSource dataSource;
    private final JournalStore store;

    private UncommittedJournal(Connection connection, JournalSettings settings) {
        this.connection = connection;
        this.dataSource = uncommitted(connection);
        this.store = new JournalStore(dataSource, null, settings.createRetryWindow());
    }

    /**
     * Connects to the journal database and begins the transaction.
     *
     * @throws JournalException if the database cannot be reached or lacks migrations
     */
    public static UncommittedJournal open(JournalSettings settings) {
        Objects.requireNonNull(settings, "settings");
        int pending;
        try {
            pending = Flyway.configure().dataSource(settings.jdbcUrl(), settings.username(), settings.password())
                    .locations(JournalDatabase.MIGRATIONS).table(JournalDatabase.SCHEMA_HISTORY_TABLE)
                    .failOnMissingLocations(true).load().info().pending().length;
        } catch (RuntimeException e) {
            throw new JournalException(JournalDatabase.failure("Cannot read the journal database", settings, e), e);
        }
        if (pending > 0) {
            throw new JournalException("The journal database at " + settings.maskedJdbcUrl() + " lacks " + pending
                    + " migration(s); start the bridge (serve) once to bring it up to date");
        }
        try {
            Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
                    settings.password());
            connection.setAutoCommit(false);
            return new UncommittedJournal(connection, settings);
        } catch (SQLException e) {
            throw new JournalException(JournalDatabase.failure("Cannot connect to the journal database", settings, e),
                    e);
        }
    }

    public JournalStore store() {
        return store;
    }

    /** Rolls back everything recorded through it and closes the connection. */
    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new JournalException("Cannot roll back the dry run's journal rows: " + e.getMessage(), e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a connection whose transaction was rolled back loses nothing.
            }
        }
    }

    /** A data source handing out the one connection, whose own commit, rollback and close are ignored. */
    private static DataSource uncommitted(Connection connection) {
        Connection shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "commit", "rollback", "close", "setAutoCommit" -> null;
                    case "getAutoCommit" -> false;
                    case "isClosed" -> connection.isClosed();
                    default -> invoke(connection, method, args);
                });
        return new SharedConnection(shared);
    }

    private static Object invoke(Connection connection, java.lang.reflect.Method method, Object[] args)
            throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record SharedConnection(Connection connection) implements DataSource {
        @Override
        public Connection getConnection() {
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return connection;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("org.ldapscim.bridge.journal");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
