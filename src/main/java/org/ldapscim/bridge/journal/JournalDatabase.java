package org.ldapscim.bridge.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The journal's connection pool over a MariaDB database whose schema has been brought up to date,
 * the {@link JournalStore} that writes to it, and this process's instance lock, which tells other bridges on the
 * same database that its PENDING entries are in flight. Closing it closes the pool and frees the lock.
 */
public final class JournalDatabase implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/journal";
    // A table of its own, so a database shared with another Flyway-managed schema keeps both histories apart.
    static final String SCHEMA_HISTORY_TABLE = "journal_schema_history";

    private final HikariDataSource dataSource;
    private final InstanceLock instanceLock;
    private final JournalStore store;
    private final WatchPositions watchPositions;
    private final AuthFailures authFailures;

    private JournalDatabase(HikariDataSource dataSource, InstanceLock instanceLock, JournalSettings settings) {
        this.dataSource = dataSource;
        this.instanceLock = instanceLock;
        this.store = new JournalStore(dataSource, instanceLock.instanceId(), settings.createRetryWindow());
        this.watchPositions = new WatchPositions(dataSource);
        this.authFailures = new AuthFailures(dataSource);
    }

    /**
     * Connects to the database and applies any migrations it lacks.
     *
     * @throws JournalException if the database cannot be reached or migrated; the message names the
     *                          JDBC URL, with any password masked, and the cause
     */
    public static JournalDatabase open(JournalSettings settings) {
        return open(settings, null);
    }

    /** As {@link #open(JournalSettings)}, the pool reporting its connections and waits to {@code poolMetrics}. */
    public static JournalDatabase open(JournalSettings settings, MetricsTrackerFactory poolMetrics) {
        Objects.requireNonNull(settings, "settings");
        HikariDataSource dataSource;
        try {
            HikariConfig config = poolConfig(settings);
            if (poolMetrics != null) {
                config.setMetricsTrackerFactory(poolMetrics);
            }
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new JournalException(failure("Cannot connect to the journal database", settings, e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .table(SCHEMA_HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new JournalException(failure("Cannot migrate the journal database", settings, e), e);
        }
        InstanceLock lock;
        try {
            lock = InstanceLock.acquire(settings);
        } catch (JournalException e) {
            dataSource.close();
            throw new JournalException(failure("Cannot lock this bridge's instance in the journal database", settings,
                    e), e);
        }
        return new JournalDatabase(dataSource, lock, settings);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JournalStore store() {
        return store;
    }

    /** Where the directory watcher stopped reading changes. */
    public WatchPositions watchPositions() {
        return watchPositions;
    }

    /** Failed authentications and lockouts. */
    public AuthFailures authFailures() {
        return authFailures;
    }

    /** The id this process records on its journal entries, and whose instance lock it holds. */
    public String instanceId() {
        return instanceLock.instanceId();
    }

    @Override
    public void close() {
        instanceLock.close();
        dataSource.close();
    }

    private static HikariConfig poolConfig(JournalSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("journal");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        return config;
    }

    static String failure(String what, JournalSettings settings, Throwable e) {
        String message = what + " at " + settings.maskedJdbcUrl() + ": " + causeOf(e);
        String password = settings.password();
        // Drivers do not normally echo the password, but the message must never carry it.
        return password.isEmpty() ? message : message.replace(password, JdbcUrls.MASK);
    }

    private static String causeOf(Throwable e) {
        StringBuilder causes = new StringBuilder(String.valueOf(e.getMessage()));
        // Bounded, because a cause chain may loop.
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !causes.toString().contains(message)) {
                causes.append(" (").append(message).append(')');
            }
        }
        return causes.toString();
    }
}
