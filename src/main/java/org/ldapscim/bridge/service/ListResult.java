package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of a list: the total across all pages, where the page starts, and its resources.
 *
 * @param totalResults null on a cursor page (RFC 9865 lets it go without; the directory gives no exact count)
 * @param startIndex null on a cursor page (RFC 9865 pages have no index)
 * @param nextCursor the cursor of the next page of a cursor walk, or null on its last page and in index paging
 */
public record ListResult(Integer totalResults, Integer startIndex, List<ObjectNode> resources, String nextCursor) {

    public ListResult {
        resources = List.copyOf(resources);
    }

    /** A page of index pagination. */
    public ListResult(int totalResults, int startIndex, List<ObjectNode> resources) {
        this(totalResults, startIndex, resources, null);
    }
}
