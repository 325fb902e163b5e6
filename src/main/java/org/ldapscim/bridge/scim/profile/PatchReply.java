package org.ldapscim.bridge.scim.profile;

/** What a successful PATCH answers; RFC 7644 §3.5.2 allows either. */
public enum PatchReply {
    /** 200 OK with the resource as it now is. */
    RESOURCE,
    /** 204 No Content with the new ETag, unless the request asks for attributes. */
    NO_CONTENT
}
