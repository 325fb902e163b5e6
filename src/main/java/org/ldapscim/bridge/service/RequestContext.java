package org.ldapscim.bridge.service;

import org.ldapscim.bridge.scim.profile.IdpProfile;

/**
 * Who is asking, for the journal, where the bridge is reached, for {@code meta.location}, and which IdP
 * profile shapes the request and the answer.
 *
 * @param baseUrl the SCIM root as the client sees it, e.g. {@code https://scim.example.com/scim/v2}
 * @param profile configured for the client or detected from the request
 */
public record RequestContext(String requestId, String client, String baseUrl, IdpProfile profile) {
}
