package org.ldapscim.bridge.service;

import org.ldapscim.bridge.scim.profile.IdpProfile;

/**
 * Who is asking, for the journal, where the bridge is reached, for {@code meta.location}, which IdP
 * profile shapes the request and the answer, and the request's preconditions on the version of the resource
 * it writes.
 *
 * @param baseUrl the SCIM root as the client sees it, e.g. {@code https://scim.example.com/scim/v2}
 * @param profile configured for the client or detected from the request
 * @param clientRequestId the request id the client sent itself, which a retry of the request repeats; null when
 *                        it sent none
 */
public record RequestContext(String requestId, String client, String baseUrl, IdpProfile profile,
                             Preconditions preconditions, String clientRequestId) {

    public RequestContext {
        preconditions = preconditions == null ? Preconditions.NONE : preconditions;
    }

    /** A request whose id the bridge chose. */
    public RequestContext(String requestId, String client, String baseUrl, IdpProfile profile,
                          Preconditions preconditions) {
        this(requestId, client, baseUrl, profile, preconditions, null);
    }

    /** An unconditional request. */
    public RequestContext(String requestId, String client, String baseUrl, IdpProfile profile) {
        this(requestId, client, baseUrl, profile, Preconditions.NONE);
    }
}
