package org.ldapscim.bridge.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the journal database is and how many pooled connections the bridge may hold to it.
 *
 * @param jdbcUrl         a MariaDB JDBC URL, for example {@code jdbc:mariadb://127.0.0.1:3306/bridge_journal}
 * @param username        the database user; {@code null} is taken as empty
 * @param password        the database password, possibly empty; {@code null} is taken as empty
 * @param maximumPoolSize the largest number of pooled connections, at least 1
 * @param createRetryWindow how long after a create a repetition of it answers the resource it created
 */
public record JournalSettings(String jdbcUrl, String username, String password, int maximumPoolSize,
                              Duration createRetryWindow) {

    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 4;
    public static final Duration DEFAULT_CREATE_RETRY_WINDOW = Duration.ofMinutes(10);

    public JournalSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl is blank");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximumPoolSize must be at least 1, not " + maximumPoolSize);
        }
        createRetryWindow = createRetryWindow == null ? DEFAULT_CREATE_RETRY_WINDOW : createRetryWindow;
        if (createRetryWindow.isNegative()) {
            throw new IllegalArgumentException("createRetryWindow cannot be negative");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** Settings with the default pool size of {@value #DEFAULT_MAXIMUM_POOL_SIZE}. */
    public JournalSettings(String jdbcUrl, String username, String password) {
        this(jdbcUrl, username, password, DEFAULT_MAXIMUM_POOL_SIZE);
    }

    /** Settings with the default create retry window. */
    public JournalSettings(String jdbcUrl, String username, String password, int maximumPoolSize) {
        this(jdbcUrl, username, password, maximumPoolSize, DEFAULT_CREATE_RETRY_WINDOW);
    }

    /** The JDBC URL with any password it embeds replaced by {@code <masked>}. */
    public String maskedJdbcUrl() {
        return JdbcUrls.mask(jdbcUrl);
    }

    @Override
    public String toString() {
        return "JournalSettings[jdbcUrl=" + maskedJdbcUrl()
                + ", username=" + username
                + ", password=" + JdbcUrls.MASK
                + ", maximumPoolSize=" + maximumPoolSize
                + ", createRetryWindow=" + createRetryWindow + "]";
    }
}
