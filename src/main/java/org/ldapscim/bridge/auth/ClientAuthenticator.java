package org.ldapscim.bridge.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * Tells which client a request's credentials name, over every kind of credential the clients are configured with,
 * and whether that client may call from the request's source address. A verified TLS client certificate that a
 * client is known by names that client; otherwise a bearer token that looks like a JWS is verified as a JWT, any
 * other as a static token. Thread-safe.
 */
public final class ClientAuthenticator {
    private final StaticTokens staticTokens;
    private final JwtTokens jwtTokens;
    private final ClientCertificates certificates;
    private final Map<String, AddressRanges> allowFrom = new HashMap<>();

    public ClientAuthenticator(List<ClientConfig> clients) {
        if (clients.isEmpty()) {
            throw new ConfigException("auth.clients", "no client may call the bridge",
                    "add a client with a token hash made by hash-token, a jwt issuer or a certificate");
        }
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            if (client.name() == null || client.name().isBlank() || client.name().length() > 128) {
                throw new ConfigException("auth.clients[" + i + "].name", "a client needs a name of 1 to 128 characters",
                        "the name is what the journal records, e.g. entra");
            }
            if (client.tokenHashes().isEmpty() && client.jwt().isEmpty() && client.certificates().isEmpty()) {
                throw new ConfigException("auth.clients[" + i + "]", "client " + client.name() + " has no credential",
                        "give it tokenHashes (make one with: ldap-scim-bridge hash-token), a jwt issuer or"
                                + " certificates");
            }
            if (allowFrom.put(client.name(), AddressRanges.parse(client.allowFrom(),
                    "auth.clients[" + i + "].allowFrom")) != null) {
                throw new ConfigException("auth.clients[" + i + "].name", "another client is named " + client.name(),
                        "give each client its own name: the journal tells them apart by it");
            }
        }
        this.staticTokens = new StaticTokens(clients);
        this.jwtTokens = new JwtTokens(clients);
        this.certificates = new ClientCertificates(clients);
    }

    public Authentication authenticate(PresentedCredentials presented) {
        Authentication result = certificates.clientFor(presented.certificates())
                .<Authentication>map(client -> new Authentication.Authenticated(client, CredentialKind.CERTIFICATE))
                .orElseGet(() -> bearer(presented));
        if (result instanceof Authentication.Authenticated authenticated
                && !mayCallFrom(authenticated.client(), presented)) {
            return new Authentication.Refused(403, authenticated.credential(), "the source address is outside the"
                    + " client's allowFrom", authenticated.client(), null);
        }
        return result;
    }

    private Authentication bearer(PresentedCredentials presented) {
        Optional<String> token = presented.bearerToken();
        if (token.isEmpty() && !presented.certificates().isEmpty()) {
            return new Authentication.Refused(401, CredentialKind.CERTIFICATE, "the verified client certificate names"
                    + " no client, and no bearer token came with it", null, null);
        }
        if (token.isEmpty()) {
            return new Authentication.Refused(401, CredentialKind.NONE, presented.authorization() == null
                    ? "no Authorization header" : "the Authorization header holds no bearer token", null, null);
        }
        return JwtTokens.looksLikeJws(token.get())
                ? jwtTokens.authenticate(token.get()) : staticTokens.authenticate(token.get());
    }

    private boolean mayCallFrom(String client, PresentedCredentials presented) {
        AddressRanges ranges = allowFrom.get(client);
        return ranges.isEmpty() || ranges.contains(presented.source());
    }
}
