package org.ldapscim.bridge.config;

import java.util.List;

/**
 * The clients (IdPs) that may call the bridge, and how many failed authentications a source address may make.
 */
public record AuthConfig(List<ClientConfig> clients, FailureLimitConfig failureLimit) {

    public AuthConfig {
        clients = clients == null ? List.of() : List.copyOf(clients);
        failureLimit = failureLimit == null ? FailureLimitConfig.defaults() : failureLimit;
    }

    public AuthConfig(List<ClientConfig> clients) {
        this(clients, null);
    }
}
