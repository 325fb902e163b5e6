package org.ldapscim.bridge.config;

import java.util.List;

/** The clients (IdPs) that may call the bridge. */
public record AuthConfig(List<ClientConfig> clients) {

    public AuthConfig {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }
}
