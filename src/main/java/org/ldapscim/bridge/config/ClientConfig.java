package org.ldapscim.bridge.config;

import java.util.List;

/**
 * One calling client, known by name in the journal.
 *
 * @param tokenHashes hashes made by {@code hash-token}; several allow rotating a token without downtime
 * @param profile     the IdP profile its requests are read with ({@code entra}, {@code okta}, ..., {@code strict}),
 *                    or null to detect it per request
 */
public record ClientConfig(String name, List<String> tokenHashes, String profile) {

    public ClientConfig {
        tokenHashes = tokenHashes == null ? List.of() : List.copyOf(tokenHashes);
    }

    /** A client whose profile is detected per request. */
    public ClientConfig(String name, List<String> tokenHashes) {
        this(name, tokenHashes, null);
    }
}
