package org.ldapscim.bridge.config;

import java.util.List;

/**
 * What one client may do with one resource type ({@code auth.clients[].scopes.User}).
 *
 * @param access             {@code read} or {@code write}; read when left out
 * @param baseDns            the part of the mapping's base DNs the client sees and changes, each within one of
 *                           them; the mapping's own base DNs when left out
 * @param writableAttributes the SCIM paths the client may change ({@code userName}, {@code name},
 *                           {@code name.givenName}, {@code emails}); every writable attribute when left out
 */
public record ClientScopeConfig(Access access, List<String> baseDns, List<String> writableAttributes) {

    public enum Access {
        read, write
    }

    public ClientScopeConfig {
        access = access == null ? Access.read : access;
        baseDns = baseDns == null ? null : List.copyOf(baseDns);
        writableAttributes = writableAttributes == null ? null : List.copyOf(writableAttributes);
    }
}
