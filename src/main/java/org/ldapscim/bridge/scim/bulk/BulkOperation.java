package org.ldapscim.bridge.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a BulkRequest (RFC 7644 §3.7), as sent.
 *
 * @param index the operation's 0-based position in the request
 * @param bulkId the client's transient id, required for POST, else null when not given
 * @param path {@code /Users} for POST, {@code /Users/<id>} otherwise; may hold {@code bulkId:<id>} for the id
 * @param version the {@code version} member, or null
 * @param data the resource or PatchOp body, or null for DELETE
 */
public record BulkOperation(int index, BulkMethod method, String bulkId, String path, String version, JsonNode data) {

    /** The same operation with the path and data given. */
    BulkOperation with(String newPath, JsonNode newData) {
        return new BulkOperation(index, method, bulkId, newPath, version, newData);
    }
}
