package org.ldapscim.bridge.bench;

/** One kind of request, measured through the bridge and as the raw LDAP operations it stands for. */
record Scenario(String name, LoadRun.Operation bridge, LoadRun.Operation raw) {
}
