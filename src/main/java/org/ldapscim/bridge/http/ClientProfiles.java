package org.ldapscim.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.scim.profile.IdpProfile;
import org.ldapscim.bridge.scim.profile.IdpProfiles;
import org.ldapscim.bridge.scim.profile.ProfileDetector;

/**
 * Which IdP profile a request is read with: the one configured for its client ({@code auth.clients[].profile}),
 * otherwise the one the {@link ProfileDetector} sees in the request. Immutable and thread-safe.
 */
public final class ClientProfiles {
    private final Map<String, IdpProfile> pinned;
    private final ProfileDetector detector = new ProfileDetector();

    private ClientProfiles(Map<String, IdpProfile> pinned) {
        this.pinned = Map.copyOf(pinned);
    }

    /** Checks every configured profile name; an unknown one stops startup naming its key and the valid names. */
    public static ClientProfiles of(List<ClientConfig> clients) {
        Map<String, IdpProfile> pinned = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            if (client.profile() == null) {
                continue;
            }
            String key = "auth.clients[" + i + "].profile";
            IdpProfile profile = IdpProfiles.named(client.profile()).orElseThrow(() -> new ConfigException(
                    key, "unknown profile '" + client.profile() + "'",
                    "use one of " + String.join(", ", IdpProfiles.names()) + ", or leave it out to detect it"));
            if (client.name() != null) {
                pinned.put(client.name(), profile);
            }
        }
        return new ClientProfiles(pinned);
    }

    /**
     * @param client    the authenticated client's name, or null
     * @param userAgent the User-Agent header, or null
     * @param body      the parsed request body, or null
     */
    public IdpProfile profileFor(String client, String userAgent, JsonNode body) {
        IdpProfile configured = client == null ? null : pinned.get(client);
        return configured != null ? configured : detector.detect(userAgent, body);
    }
}
