package org.ldapscim.bridge.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Members of a JSON object by name in any case, as RFC 7643 §2.1 reads attribute names. */
public final class JsonMembers {

    private JsonMembers() {
    }

    /** The member of {@code object} with this name in any case, or null (also when it is no object at all). */
    public static JsonNode get(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return null;
    }

    /** The text of a string member, or null when it is absent, null or not a string. */
    public static String text(JsonNode object, String name) {
        JsonNode value = get(object, name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
