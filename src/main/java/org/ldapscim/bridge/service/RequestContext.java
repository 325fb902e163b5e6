package org.ldapscim.bridge.service;

/**
 * Who is asking, for the journal, where the bridge is reached, for {@code meta.location}, and the request's
 * preconditions on the version of the resource it writes.
 *
 * @param baseUrl the SCIM root as the client sees it, e.g. {@code https://scim.example.com/scim/v2}
 */
public record RequestContext(String requestId, String client, String baseUrl, Preconditions preconditions) {

    public RequestContext {
        preconditions = preconditions == null ? Preconditions.NONE : preconditions;
    }

    /** An unconditional request. */
    public RequestContext(String requestId, String client, String baseUrl) {
        this(requestId, client, baseUrl, Preconditions.NONE);
    }
}
