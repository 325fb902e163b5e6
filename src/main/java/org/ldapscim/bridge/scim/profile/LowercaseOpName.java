package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code "op": "Replace"} becomes {@code "op": "replace"}. RFC 7644 §3.5.2 lists the values in lower case;
 * Microsoft Entra's default job sends {@code Add}, {@code Replace} and {@code Remove}.
 */
public final class LowercaseOpName implements OperationNormaliser {

    @Override
    public List<ObjectNode> normalise(ObjectNode operation, List<String> schemaUrns) {
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> member : operation.properties()) {
            if (member.getKey().equalsIgnoreCase("op") && member.getValue().isTextual()) {
                ObjectNode lowered = operation.deepCopy();
                lowered.put(member.getKey(), member.getValue().textValue().toLowerCase(Locale.ROOT));
                return List.of(lowered);
            }
        }
        return List.of(operation);
    }
}
