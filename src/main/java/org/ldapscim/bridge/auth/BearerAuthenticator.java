package org.ldapscim.bridge.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * Checks {@code Authorization: Bearer <token>} (RFC 6750 §2.1; the scheme in any case) against the
 * configured token hashes. Every hash is compared, in constant time, so timing tells nothing about which
 * client or how much of a token matched. Thread-safe.
 */
public final class BearerAuthenticator {
    private record Credential(String client, byte[] digest) {
    }

    private final List<Credential> credentials;

    public BearerAuthenticator(List<ClientConfig> clients) {
        List<Credential> all = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            if (client.name() == null || client.name().isBlank() || client.name().length() > 128) {
                throw new ConfigException("auth.clients[" + i + "].name", "a client needs a name of 1 to 128 characters",
                        "the name is what the journal records, e.g. entra");
            }
            if (client.tokenHashes().isEmpty() && client.certificates().isEmpty()) {
                throw new ConfigException("auth.clients[" + i + "].tokenHashes", "client " + client.name()
                        + " has no token hash and no certificate", "make a token hash with: ldap-scim-bridge hash-token");
            }
            for (int j = 0; j < client.tokenHashes().size(); j++) {
                try {
                    all.add(new Credential(client.name(), TokenHash.parse(client.tokenHashes().get(j))));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("auth.clients[" + i + "].tokenHashes[" + j + "]", e.getMessage(),
                            "run: ldap-scim-bridge hash-token < token-file");
                }
            }
        }
        if (clients.isEmpty()) {
            throw new ConfigException("auth.clients", "no client may call the bridge",
                    "add a client with a token hash made by hash-token");
        }
        this.credentials = List.copyOf(all);
    }

    /** The calling client's name, or empty when the header carries no valid token. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space <= 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = header.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > 4096 || token.contains(" ")) {
            return Optional.empty();
        }
        byte[] presented = TokenHash.digest(token);
        String matched = null;
        for (Credential credential : credentials) {
            if (MessageDigest.isEqual(credential.digest(), presented) && matched == null) {
                matched = credential.client();
            }
        }
        return Optional.ofNullable(matched);
    }
}
