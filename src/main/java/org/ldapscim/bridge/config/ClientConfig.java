package org.ldapscim.bridge.config;

import java.util.List;
import java.util.Map;

/**
 * One calling client, known by name in the journal.
 *
 * @param tokenHashes hashes made by {@code hash-token}; several allow rotating a token without downtime
 * @param profile     the IdP profile its requests are read with ({@code entra}, {@code okta}, ..., {@code strict}),
 *                    or null to detect it per request
 * @param deprovision resource type ({@code User}, {@code Group}) to the name of the deprovisioning policy its
 *                    DELETE and {@code active=false} follow, instead of the mapping's default policy
 * @param certificates TLS client certificates that identify this client on the HTTPS listener, instead of or
 *                     besides a bearer token
 */
public record ClientConfig(String name, List<String> tokenHashes, String profile, Map<String, String> deprovision,
                           List<ClientCertificateConfig> certificates) {

    public ClientConfig {
        tokenHashes = tokenHashes == null ? List.of() : List.copyOf(tokenHashes);
        deprovision = deprovision == null ? Map.of() : Map.copyOf(deprovision);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /** A client known by token hashes alone. */
    public ClientConfig(String name, List<String> tokenHashes, String profile, Map<String, String> deprovision) {
        this(name, tokenHashes, profile, deprovision, null);
    }

    /** A client that follows the mappings' default deprovisioning policies. */
    public ClientConfig(String name, List<String> tokenHashes, String profile) {
        this(name, tokenHashes, profile, null);
    }

    /** A client whose profile is detected per request. */
    public ClientConfig(String name, List<String> tokenHashes) {
        this(name, tokenHashes, null);
    }
}
