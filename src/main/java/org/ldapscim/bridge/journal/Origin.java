package org.ldapscim.bridge.journal;

/**
 * Where a journaled change came from: a SCIM request or the bridge's own job ({@code BRIDGE}), the directory
 * itself, changed behind the bridge's back and seen by the watcher ({@code DIRECTORY}), or an operator's
 * decision on the command line ({@code OPERATOR}).
 */
public enum Origin {
    BRIDGE,
    DIRECTORY,
    OPERATOR
}
