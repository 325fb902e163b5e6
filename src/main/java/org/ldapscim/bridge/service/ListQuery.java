package org.ldapscim.bridge.service;

import org.ldapscim.bridge.scim.Projection;

/**
 * A list or search request (RFC 7644 §3.4.2, §3.4.3).
 *
 * @param filter the SCIM filter text, or null for all
 * @param startIndex 1-based index of the first result, or null
 * @param count the page size asked for, or null
 */
public record ListQuery(String filter, Integer startIndex, Integer count, Projection projection) {
}
