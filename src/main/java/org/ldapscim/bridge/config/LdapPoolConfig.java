package org.ldapscim.bridge.config;

/**
 * The pool of service-account connections to the directory.
 *
 * @param size the most connections open at once
 * @param maxWaitMillis how long a request waits for a free connection before one more is opened anyway
 * @param maxConnectionAgeSeconds a connection older than this is replaced when it is given back, so that
 *                                connections drift back to a preferred server that has returned; 0 keeps them
 * @param healthCheckIntervalSeconds how often idle connections are checked by reading the root DSE; broken ones
 *                                   are replaced before a request meets them
 */
public record LdapPoolConfig(Integer size, Integer maxWaitMillis, Integer maxConnectionAgeSeconds,
                             Integer healthCheckIntervalSeconds) {

    public LdapPoolConfig {
        size = size == null ? 8 : size;
        maxWaitMillis = maxWaitMillis == null ? 1_000 : maxWaitMillis;
        maxConnectionAgeSeconds = maxConnectionAgeSeconds == null ? 900 : maxConnectionAgeSeconds;
        healthCheckIntervalSeconds = healthCheckIntervalSeconds == null ? 30 : healthCheckIntervalSeconds;
        if (size < 1 || size > 256) {
            throw new IllegalArgumentException("poolSize must be between 1 and 256");
        }
        if (maxWaitMillis < 0 || maxWaitMillis > 60_000) {
            throw new IllegalArgumentException("pool.maxWaitMillis must be between 0 and 60000");
        }
        if (maxConnectionAgeSeconds < 0) {
            throw new IllegalArgumentException("pool.maxConnectionAgeSeconds cannot be negative");
        }
        if (healthCheckIntervalSeconds < 1) {
            throw new IllegalArgumentException("pool.healthCheckIntervalSeconds must be at least 1");
        }
    }

    public static LdapPoolConfig defaults() {
        return new LdapPoolConfig(null, null, null, null);
    }
}
