package org.ldapscim.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param scopes      resource type to what the client may do with it; null (left out) for full access to every
 *                    type, and with scopes a type not listed is not accessible
 */
public record ClientConfig(String name, List<String> tokenHashes, String profile, Map<String, String> deprovision,
                           Map<String, ClientScopeConfig> scopes) {

    public ClientConfig {
        tokenHashes = tokenHashes == null ? List.of() : List.copyOf(tokenHashes);
        deprovision = deprovision == null ? Map.of() : Map.copyOf(deprovision);
        scopes = scopes == null ? null : listed(scopes);
    }

    /** A client with full access to every resource type. */
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

    /** The scopes in configuration order; a type listed with nothing under it ({@code Group:}) is read-only. */
    private static Map<String, ClientScopeConfig> listed(Map<String, ClientScopeConfig> scopes) {
        Map<String, ClientScopeConfig> copy = new LinkedHashMap<>();
        scopes.forEach((type, scope) -> copy.put(type, scope == null ? new ClientScopeConfig(null, null, null) : scope));
        return Collections.unmodifiableMap(copy);
    }
}
