package org.ldapscim.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One calling client, known by name in the journal. It needs at least one credential: a token hash or a JWT issuer.
 *
 * @param tokenHashes hashes made by {@code hash-token}; several allow rotating a token without downtime
 * @param profile     the IdP profile its requests are read with ({@code entra}, {@code okta}, ..., {@code strict}),
 *                    or null to detect it per request
 * @param deprovision resource type ({@code User}, {@code Group}) to the name of the deprovisioning policy its
 *                    DELETE and {@code active=false} follow, instead of the mapping's default policy
 * @param jwt         OAuth 2.0 access tokens (signed JWTs) the client may present instead of a static token
 * @param allowFrom   the source addresses and CIDR ranges it may call from; empty for anywhere
 * @param maxConcurrentRequests how many of its requests the bridge serves at once; more are answered 429
 * @param certificates TLS client certificates that identify this client on the HTTPS listener, instead of or
 *                     besides a bearer token
 * @param scopes      resource type to what the client may do with it; null (left out) for full access to every
 *                    type, and with scopes a type not listed is not accessible
 */
public record ClientConfig(String name, List<String> tokenHashes, String profile, Map<String, String> deprovision,
                           List<JwtCredentialConfig> jwt, List<String> allowFrom, Integer maxConcurrentRequests,
                           List<ClientCertificateConfig> certificates, Map<String, ClientScopeConfig> scopes) {

    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 16;

    public ClientConfig {
        tokenHashes = tokenHashes == null ? List.of() : List.copyOf(tokenHashes);
        deprovision = deprovision == null ? Map.of() : Map.copyOf(deprovision);
        jwt = jwt == null ? List.of() : List.copyOf(jwt);
        allowFrom = allowFrom == null ? List.of() : List.copyOf(allowFrom);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        scopes = scopes == null ? null : listed(scopes);
        maxConcurrentRequests = maxConcurrentRequests == null ? DEFAULT_MAX_CONCURRENT_REQUESTS : maxConcurrentRequests;
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > 10_000) {
            throw new IllegalArgumentException("maxConcurrentRequests must be between 1 and 10000");
        }
    }

    /** A client with static tokens only, served from anywhere, with full access to every resource type. */
    public ClientConfig(String name, List<String> tokenHashes, String profile, Map<String, String> deprovision) {
        this(name, tokenHashes, profile, deprovision, null, null, null, null, null);
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
