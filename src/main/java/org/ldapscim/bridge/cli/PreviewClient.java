package org.ldapscim.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.http.ClientProfiles;
import org.ldapscim.bridge.service.RequestContext;

/**
 * The configured client a previewed request comes from, so that what applies to its requests in {@code serve}
 * applies to the preview: its IdP profile ({@code auth.clients[].profile}, else the one its body shows) and,
 * through the services, its deprovisioning policies ({@code auth.clients[].deprovision}).
 */
record PreviewClient(ClientConfig config, ClientProfiles profiles) {

    /** The client of that name in {@code auth.clients}; a configuration error naming the ones there otherwise. */
    static PreviewClient named(String name, List<ClientConfig> clients) {
        for (ClientConfig client : clients) {
            if (client.name() != null && client.name().equals(name)) {
                return new PreviewClient(client, ClientProfiles.of(clients));
            }
        }
        throw new ConfigException("--client", "auth.clients has no client named '" + name + "'",
                "use one of " + clients.stream().map(ClientConfig::name).toList());
    }

    /** The request as the service sees it from this client, with the parsed body (or null) it carries. */
    RequestContext request(String requestId, String baseUrl, JsonNode body) {
        return new RequestContext(requestId, config.name(), baseUrl, profiles.profileFor(config.name(), null, body),
                null, null);
    }
}
