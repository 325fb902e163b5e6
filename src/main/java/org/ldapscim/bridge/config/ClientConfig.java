package org.ldapscim.bridge.config;

import java.util.List;

/**
 * One calling client, known by name in the journal.
 *
 * @param tokenHashes hashes made by {@code hash-token}; several allow rotating a token without downtime
 */
public record ClientConfig(String name, List<String> tokenHashes) {

    public ClientConfig {
        tokenHashes = tokenHashes == null ? List.of() : List.copyOf(tokenHashes);
    }
}
