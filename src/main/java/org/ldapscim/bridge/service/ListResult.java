package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One page of a list: the total across all pages, where the page starts, and its resources. */
public record ListResult(int totalResults, int startIndex, List<ObjectNode> resources) {

    public ListResult {
        resources = List.copyOf(resources);
    }
}
