package org.ldapscim.bridge.config;

/** The MariaDB database that holds the journal. */
public record JournalConfig(String jdbcUrl, String username, Secret password, Integer poolSize) {

    public JournalConfig {
        password = password == null ? Secret.empty() : password;
        poolSize = poolSize == null ? 4 : poolSize;
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("poolSize must be between 1 and 64");
        }
    }
}
