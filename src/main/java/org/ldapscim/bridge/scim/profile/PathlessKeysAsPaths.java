package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ldapscim.bridge.scim.JsonMembers;

/**
 * A path-less add or replace whose value has keys that are paths, not attribute names, becomes one operation
 * per such key with that key as its path:
 * <pre>
 * {"op":"replace","value":{"name.givenName":"Ann","urn:...:enterprise:2.0:User:department":"R&amp;D"}}
 * → {"op":"replace","path":"name.givenName","value":"Ann"}
 *   {"op":"replace","path":"urn:...:enterprise:2.0:User:department","value":"R&amp;D"}
 * </pre>
 * RFC 7644 §3.5.2.1 wants the value shaped like the resource ({@code {"name":{"givenName":"Ann"}}}); Entra
 * sends dotted keys with its aadOptscim062020 flag and URN-qualified keys without it. Plain attribute names
 * and extension containers stay in one path-less operation.
 */
public final class PathlessKeysAsPaths implements OperationNormaliser {

    @Override
    public List<ObjectNode> normalise(ObjectNode operation, List<String> schemaUrns) {
        String op = JsonMembers.text(operation, "op");
        JsonNode path = JsonMembers.get(operation, "path");
        JsonNode value = JsonMembers.get(operation, "value");
        boolean pathless = path == null || path.isNull() || (path.isTextual() && path.textValue().isBlank());
        if (op == null || op.equalsIgnoreCase("remove") || !pathless || value == null || !value.isObject()) {
            return List.of(operation);
        }
        List<ObjectNode> split = new ArrayList<>();
        ObjectNode rest = operation.objectNode();
        for (Map.Entry<String, JsonNode> member : value.properties()) {
            if (isPath(member.getKey(), schemaUrns)) {
                ObjectNode single = operation.objectNode();
                single.put("op", op);
                single.put("path", member.getKey());
                single.set("value", member.getValue());
                split.add(single);
            } else {
                rest.set(member.getKey(), member.getValue());
            }
        }
        if (split.isEmpty()) {
            return List.of(operation);
        }
        if (!rest.isEmpty()) {
            ObjectNode remaining = operation.objectNode();
            remaining.put("op", op);
            remaining.set("value", rest);
            split.add(0, remaining);
        }
        return split;
    }

    private static boolean isPath(String key, List<String> schemaUrns) {
        if (key.toLowerCase(Locale.ROOT).startsWith("urn:")) {
            return schemaUrns.stream().noneMatch(key::equalsIgnoreCase);
        }
        return key.contains(".");
    }
}
