package org.ldapscim.bridge.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of several directory URLs a new connection goes to. */
public enum ServerSelection {
    /** The first URL that answers, in the order given: the others stand by. */
    @JsonProperty("failover") FAILOVER("failover"),
    /** Each URL in turn, skipping one that does not answer. */
    @JsonProperty("roundRobin") ROUND_ROBIN("roundRobin"),
    /** The URL with the fewest connections from this bridge open. */
    @JsonProperty("fewestConnections") FEWEST_CONNECTIONS("fewestConnections");

    private final String yamlName;

    ServerSelection(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
