package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Rewrites one PATCH operation an IdP sends in a shape RFC 7644 §3.5.2 does not define into operations
 * that it does. An operation it does not recognise comes back unchanged, for the parser to judge.
 */
public interface OperationNormaliser {

    /**
     * @param operation  one member of {@code Operations}, not changed by the call
     * @param schemaUrns the extension schema URNs of the resource type, to tell a container from a qualified key
     */
    List<ObjectNode> normalise(ObjectNode operation, List<String> schemaUrns);
}
