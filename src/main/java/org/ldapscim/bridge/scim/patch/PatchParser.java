package org.ldapscim.bridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOpType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * Reads a PatchOp request body into {@link PatchOp}s with a path each, absorbing the shapes IdPs send that
 * RFC 7644 §3.5.2 does not spell out:
 * <ul>
 *   <li>{@code "op": "Replace"} in any case (Microsoft Entra);</li>
 *   <li>a path-less value whose keys are dotted ({@code "name.givenName"}) or URN-qualified
 *       ({@code "urn:...:enterprise:2.0:User:employeeNumber"}), as Entra sends with aadOptscim062020;</li>
 *   <li>remove with a path and a value array ({@code "path": "members", "value": [{"value": id}]}), Entra's
 *       default member removal, which becomes one remove per listed value.</li>
 * </ul>
 */
public final class PatchParser {
    private final List<String> schemaUrns;

    /** @param schemaUrns the extension schema URNs of the resource type, to tell a URN key from an attribute */
    public PatchParser(List<String> schemaUrns) {
        this.schemaUrns = List.copyOf(schemaUrns);
    }

    public List<PatchOp> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PATCH body is a PatchOp object");
        }
        JsonNode schemas = field(body, "schemas");
        if (schemas != null && !lists(schemas, ScimUrns.PATCH_OP)) {
            // A missing schemas list is tolerated; one that names something else is a different message.
            throw ScimException.invalidValue("schemas must be [\"" + ScimUrns.PATCH_OP + "\"]");
        }
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("Operations must be a non-empty array");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (JsonNode operation : operations) {
            ops.addAll(parseOne(operation));
        }
        return ops;
    }

    private List<PatchOp> parseOne(JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("each operation is an object");
        }
        PatchOpType type = type(field(operation, "op"));
        JsonNode pathNode = field(operation, "path");
        JsonNode value = field(operation, "value");
        String pathText = pathNode == null || pathNode.isNull() ? null : pathNode.asText().trim();
        if (pathText == null || pathText.isEmpty()) {
            if (type == PatchOpType.REMOVE) {
                throw ScimException.noTarget("remove needs a path");
            }
            return pathless(type, value);
        }
        Path path = path(pathText);
        if (type == PatchOpType.REMOVE) {
            return remove(path, value);
        }
        if (value == null) {
            throw ScimException.invalidValue(type.getStringValue() + " of " + pathText + " needs a value");
        }
        return List.of(new PatchOp(type, path, value));
    }

    private static PatchOpType type(JsonNode op) {
        if (op != null && op.isTextual()) {
            switch (op.textValue().toLowerCase(Locale.ROOT)) {
                case "add":
                    return PatchOpType.ADD;
                case "replace":
                    return PatchOpType.REPLACE;
                case "remove":
                    return PatchOpType.REMOVE;
                default:
                    break;
            }
        }
        throw ScimException.invalidValue("op must be add, replace or remove");
    }

    private static Path path(String text) {
        try {
            Path path = Path.fromString(text);
            if (path.size() == 0 || path.getElement(0).getAttribute().isEmpty()) {
                throw ScimException.invalidPath("path '" + text + "' names no attribute");
            }
            if (path.size() > 2) {
                // RFC 7644 §3.5.2: attrPath or valuePath, with at most one sub-attribute.
                throw ScimException.invalidPath("path '" + text + "' is deeper than attribute.subAttribute");
            }
            return path;
        } catch (BadRequestException e) {
            throw ScimException.invalidPath("path '" + text + "' cannot be parsed");
        }
    }

    private static List<PatchOp> remove(Path path, JsonNode value) {
        boolean valueList = value != null && value.isArray() && path.size() == 1
                && path.getElement(0).getValueFilter() == null;
        if (!valueList) {
            return List.of(new PatchOp(PatchOpType.REMOVE, path, null));
        }
        List<PatchOp> removes = new ArrayList<>();
        for (JsonNode element : value) {
            JsonNode id = element.isObject() ? field(element, "value") : element;
            if (id == null || id.isNull() || !id.isValueNode() || id.asText().isEmpty()) {
                throw ScimException.invalidValue("each value to remove needs a \"value\"");
            }
            Filter match;
            try {
                match = Filter.eq("value", id.asText());
            } catch (BadRequestException e) {
                throw ScimException.invalidValue("a value to remove is not an id");
            }
            removes.add(new PatchOp(PatchOpType.REMOVE, Path.root(path.getSchemaUrn())
                    .attribute(path.getElement(0).getAttribute(), match), null));
        }
        return removes;
    }

    private List<PatchOp> pathless(PatchOpType type, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("an operation without a path needs an object value");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta")) {
                continue;
            }
            String urn = schemaUrns.stream().filter(u -> u.equalsIgnoreCase(key)).findFirst().orElse(null);
            if (urn != null && member.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> inner = member.getValue().fields(); inner.hasNext(); ) {
                    Map.Entry<String, JsonNode> attribute = inner.next();
                    ops.add(new PatchOp(type, path(urn + ":" + attribute.getKey()), attribute.getValue()));
                }
                continue;
            }
            ops.add(new PatchOp(type, path(key), member.getValue()));
        }
        if (ops.isEmpty()) {
            throw ScimException.invalidValue("the value names no attribute to change");
        }
        return ops;
    }

    private static boolean lists(JsonNode schemas, String urn) {
        if (!schemas.isArray()) {
            return false;
        }
        for (JsonNode schema : schemas) {
            if (schema.isTextual() && schema.textValue().equalsIgnoreCase(urn)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return object.get(candidate);
            }
        }
        return null;
    }

}
