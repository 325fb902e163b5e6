package org.ldapscim.bridge.scim.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ldapscim.bridge.scim.ScimException;

/**
 * What one bulk operation did: its status and, on success, where the resource is and its version; on failure,
 * the SCIM error it met (RFC 7644 §3.7.3).
 *
 * @param location the resource's URI, or null (a failed POST has none)
 * @param version the resource's {@code meta.version}, or null
 * @param error the failure, or null on success
 */
public record BulkOutcome(BulkOperation operation, int status, String location, String version, ScimException error) {

    public static BulkOutcome success(BulkOperation operation, int status, String location, String version) {
        return new BulkOutcome(operation, status, location, version, null);
    }

    public static BulkOutcome failure(BulkOperation operation, String location, ScimException error) {
        return new BulkOutcome(operation, error.status(), location, null, error);
    }

    public boolean failed() {
        return error != null;
    }

    /**
     * The operation's entry in the BulkResponse, {@code status} as a string. A server-side failure names only the
     * request id, as a single request's 500 does.
     */
    ObjectNode toJson(ObjectNode entry, String requestId) {
        entry.put("method", operation.method().name());
        if (operation.bulkId() != null) {
            entry.put("bulkId", operation.bulkId());
        }
        if (location != null) {
            entry.put("location", location);
        }
        if (version != null && !version.isEmpty()) {
            entry.put("version", version);
        }
        entry.put("status", Integer.toString(status));
        if (error != null) {
            ObjectNode response = entry.putObject("response");
            response.putArray("schemas").add(org.ldapscim.bridge.scim.ScimUrns.ERROR);
            if (error.scimType() != null) {
                response.put("scimType", error.scimType().name());
            }
            response.put("detail", status == 500 ? "internal error, requestId=" + requestId : error.detail());
            response.put("status", Integer.toString(status));
        }
        return entry;
    }
}
