package org.ldapscim.bridge.service;

/**
 * Who is asking, for the journal, and where the bridge is reached, for {@code meta.location}.
 *
 * @param baseUrl the SCIM root as the client sees it, e.g. {@code https://scim.example.com/scim/v2}
 */
public record RequestContext(String requestId, String client, String baseUrl) {
}
