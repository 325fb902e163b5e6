package org.ldapscim.bridge.config;

/**
 * The MariaDB database that holds the journal.
 *
 * @param createRetryWindowSeconds how long after a create the same create again (same client, same body, or the
 *                                 same client request id) answers the resource the first one made, instead of 409
 */
public record JournalConfig(String jdbcUrl, String username, Secret password, Integer poolSize,
                            Integer createRetryWindowSeconds) {

    public static final int DEFAULT_CREATE_RETRY_WINDOW_SECONDS = 600;

    public JournalConfig {
        password = password == null ? Secret.empty() : password;
        poolSize = poolSize == null ? 4 : poolSize;
        createRetryWindowSeconds = createRetryWindowSeconds == null ? DEFAULT_CREATE_RETRY_WINDOW_SECONDS
                : createRetryWindowSeconds;
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be between 1 and 64");
        }
        if (createRetryWindowSeconds < 0 || createRetryWindowSeconds > 86_400) {
            throw new IllegalArgumentException("createRetryWindowSeconds must be between 0 and 86400");
        }
    }
}
