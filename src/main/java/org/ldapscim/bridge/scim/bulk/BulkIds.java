package org.ldapscim.bridge.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulkId:<id>} references (RFC 7644 §3.7.2): a JSON string that is exactly {@code bulkId:<id>} anywhere in
 * an operation's data, or a path segment such as {@code /Groups/bulkId:<id>}, stands for the id of the resource
 * that the request's POST with that bulkId creates.
 *
 * <p>Example: {@code {"members":[{"value":"bulkId:u1"}]}} becomes {@code {"members":[{"value":"2819c223..."}]}}
 * once {@code u1} is created with that id.
 */
public final class BulkIds {
    static final String PREFIX = "bulkId:";

    private BulkIds() {
    }

    /** The bulkIds an operation refers to, in the order they appear. */
    public static Set<String> referencedBy(BulkOperation operation) {
        Set<String> ids = new LinkedHashSet<>();
        for (String segment : operation.path().split("/")) {
            if (segment.startsWith(PREFIX)) {
                ids.add(segment.substring(PREFIX.length()));
            }
        }
        collect(operation.data(), ids);
        return ids;
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.textValue().startsWith(PREFIX)) {
            ids.add(node.textValue().substring(PREFIX.length()));
        }
        for (JsonNode child : node) {
            collect(child, ids);
        }
    }

    /** The operation with every reference replaced by its id; each referenced bulkId must be in {@code ids}. */
    public static BulkOperation resolve(BulkOperation operation, Map<String, String> ids) {
        String[] segments = operation.path().split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith(PREFIX)) {
                segments[i] = ids.get(segments[i].substring(PREFIX.length()));
            }
        }
        return operation.with(String.join("/", segments), replace(operation.data(), ids));
    }

    private static JsonNode replace(JsonNode node, Map<String, String> ids) {
        if (node == null) {
            return null;
        }
        if (node.isTextual() && node.textValue().startsWith(PREFIX)) {
            return TextNode.valueOf(ids.get(node.textValue().substring(PREFIX.length())));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), replace(field.getValue(), ids)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(replace(item, ids)));
            return copy;
        }
        return node;
    }
}
