package org.ldapscim.bridge.scim.bulk;

/** The HTTP methods a bulk operation may carry (RFC 7644 §3.7). */
public enum BulkMethod {
    POST,
    PUT,
    PATCH,
    DELETE
}
