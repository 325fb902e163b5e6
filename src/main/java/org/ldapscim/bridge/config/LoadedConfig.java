package org.ldapscim.bridge.config;

import java.util.List;

/** The main configuration with the mapping files it names, read and bound but not yet checked. */
public record LoadedConfig(BridgeConfig bridge, List<ResourceMappingConfig> resources) {

    public LoadedConfig {
        resources = List.copyOf(resources);
    }
}
