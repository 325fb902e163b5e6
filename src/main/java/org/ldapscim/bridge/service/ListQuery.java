package org.ldapscim.bridge.service;

import org.ldapscim.bridge.scim.Projection;

/**
 * A list or search request (RFC 7644 §3.4.2, §3.4.3; cursors RFC 9865).
 *
 * @param filter the SCIM filter text, or null for all
 * @param startIndex 1-based index of the first result, or null
 * @param count the page size asked for, or null
 * @param sortBy the attribute path to sort by, or null
 * @param sortOrder {@code ascending} or {@code descending} in any case, or null for ascending
 * @param cursor null for index pagination; empty for the first page of a cursor walk, else the
 *               {@code nextCursor} of the previous page
 */
public record ListQuery(String filter, Integer startIndex, Integer count, Projection projection, String sortBy,
                        String sortOrder, String cursor) {

    /** An unsorted query paged by index. */
    public ListQuery(String filter, Integer startIndex, Integer count, Projection projection) {
        this(filter, startIndex, count, projection, null, null, null);
    }
}
