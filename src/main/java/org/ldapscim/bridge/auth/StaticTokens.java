package org.ldapscim.bridge.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;

/**
 * Static bearer tokens, checked against the configured token hashes. Every hash is compared, in constant time, so
 * timing tells nothing about which client or how much of a token matched. Thread-safe.
 */
final class StaticTokens {
    private record Credential(String client, byte[] digest) {
    }

    private final List<Credential> credentials;

    StaticTokens(List<ClientConfig> clients) {
        List<Credential> all = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            for (int j = 0; j < client.tokenHashes().size(); j++) {
                try {
                    all.add(new Credential(client.name(), TokenHash.parse(client.tokenHashes().get(j))));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("auth.clients[" + i + "].tokenHashes[" + j + "]", e.getMessage(),
                            "run: ldap-scim-bridge hash-token < token-file");
                }
            }
        }
        this.credentials = List.copyOf(all);
    }

    Authentication authenticate(String token) {
        byte[] presented = TokenHash.digest(token);
        String matched = null;
        for (Credential credential : credentials) {
            if (MessageDigest.isEqual(credential.digest(), presented) && matched == null) {
                matched = credential.client();
            }
        }
        return matched == null
                ? new Authentication.Refused(401, CredentialKind.STATIC_TOKEN, "the token matches no client's token hash",
                        null, null)
                : new Authentication.Authenticated(matched, CredentialKind.STATIC_TOKEN);
    }
}
