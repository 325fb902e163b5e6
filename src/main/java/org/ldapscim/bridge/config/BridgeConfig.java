package org.ldapscim.bridge.config;

import java.util.List;

/**
 * The bridge's main configuration file ({@code bridge.yaml}): where it listens, which directory and
 * journal it uses, who may call it, which mapping files describe the resource types, and how the directory is
 * watched for changes made behind the bridge's back.
 *
 * @param mappings mapping files, relative to the directory of the main file
 */
public record BridgeConfig(ServerConfig server, LdapConfig ldap, JournalConfig journal, AuthConfig auth,
                           List<String> mappings, WatchConfig watch) {

    public BridgeConfig {
        watch = watch == null ? WatchConfig.defaults() : watch;
        server = server == null ? ServerConfig.defaults() : server;
        auth = auth == null ? new AuthConfig(List.of()) : auth;
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }
}
