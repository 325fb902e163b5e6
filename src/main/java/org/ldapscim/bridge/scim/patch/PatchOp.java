package org.ldapscim.bridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.messages.PatchOpType;

/**
 * One normalised PATCH operation (RFC 7644 §3.5.2): always with a path, whatever form the IdP sent.
 *
 * @param value the value for add and replace; null for remove
 */
public record PatchOp(PatchOpType type, Path path, JsonNode value) {

    /** The top-level attribute the operation touches. */
    public String attribute() {
        return path.getElement(0).getAttribute();
    }

    /** The schema URN the path names, or null for the resource's core schema. */
    public String schemaUrn() {
        return path.getSchemaUrn();
    }
}
