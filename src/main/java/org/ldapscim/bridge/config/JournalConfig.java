package org.ldapscim.bridge.config;

/**
 * The MariaDB database that holds the journal, how long its entries are kept, and how often offboarded
 * accounts past their grace period are purged.
 *
 * @param retentionDays        entries older than this many days are pruned; null keeps them forever
 * @param purgeIntervalSeconds how often the purger looks for accounts to purge, default 300
 */
public record JournalConfig(String jdbcUrl, String username, Secret password, Integer poolSize, Integer retentionDays,
                            Integer purgeIntervalSeconds) {

    public static final int DEFAULT_PURGE_INTERVAL_SECONDS = 300;

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
    }

}
