package org.ldapscim.bridge.config;

/**
 * The MariaDB database that holds the journal, how long its entries are kept, how often offboarded
 * accounts past their grace period are purged, and how long a create sent again is taken for a repetition.
 *
 * @param retentionDays            entries older than this many days are pruned; null keeps them forever
 * @param purgeIntervalSeconds     how often the purger looks for accounts to purge, default 300
 * @param createRetryWindowSeconds how long after a create the same request (same client request id), or the same
 *                                 body after a create of unknown outcome, answers the resource the first one made
 */
public record JournalConfig(String jdbcUrl, String username, Secret password, Integer poolSize, Integer retentionDays,
                            Integer purgeIntervalSeconds, Integer createRetryWindowSeconds) {

    public static final int DEFAULT_PURGE_INTERVAL_SECONDS = 300;
    public static final int DEFAULT_CREATE_RETRY_WINDOW_SECONDS = 600;

    public JournalConfig {
        password = password == null ? Secret.empty() : password;
        poolSize = poolSize == null ? 4 : poolSize;
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be between 1 and 64");
        }
        if (retentionDays != null && (retentionDays < 1 || retentionDays > 36_500)) {
            throw new IllegalArgumentException("retentionDays must be between 1 and 36500, or absent to keep entries forever");
        }
        purgeIntervalSeconds = purgeIntervalSeconds == null ? DEFAULT_PURGE_INTERVAL_SECONDS : purgeIntervalSeconds;
        if (purgeIntervalSeconds < 1 || purgeIntervalSeconds > 86_400) {
            throw new IllegalArgumentException("purgeIntervalSeconds must be between 1 and 86400");
        }
        createRetryWindowSeconds = createRetryWindowSeconds == null ? DEFAULT_CREATE_RETRY_WINDOW_SECONDS
                : createRetryWindowSeconds;
        if (createRetryWindowSeconds < 0 || createRetryWindowSeconds > 86_400) {
            throw new IllegalArgumentException("createRetryWindowSeconds must be between 0 and 86400");
        }
    }
}
