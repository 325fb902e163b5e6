package org.ldapscim.bridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.messages.PatchOpType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ldapscim.bridge.scim.JsonMembers;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * Reads a PatchOp request body (RFC 7644 §3.5.2) into {@link PatchOp}s with a path each: a path-less
 * operation becomes one per attribute its value names. The shapes IdPs send that the RFC does not define
 * ({@code "op": "Replace"}, dotted or URN-qualified path-less keys, remove with a value list) are refused
 * here; an IdP profile rewrites them before the body gets here.
 */
public final class PatchParser {
    /** RFC 7643 §2.1 ATTRNAME: what a key of a path-less value may be, besides an extension schema URN. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern SUB_ATTRIBUTE_OR_NOTHING = Pattern.compile("(\\.[A-Za-z][A-Za-z0-9_-]*)?");
    private final List<String> schemaUrns;

    /** @param schemaUrns the extension schema URNs of the resource type, to tell a URN key from an attribute */
    public PatchParser(List<String> schemaUrns) {
        this.schemaUrns = List.copyOf(schemaUrns);
    }

    public List<PatchOp> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PATCH body is a PatchOp object");
        }
        JsonNode schemas = JsonMembers.get(body, "schemas");
        if (schemas != null && !lists(schemas, ScimUrns.PATCH_OP)) {
            // A missing schemas list is tolerated; one that names something else is a different message.
            throw ScimException.invalidValue("schemas must be [\"" + ScimUrns.PATCH_OP + "\"]");
        }
        JsonNode operations = JsonMembers.get(body, "Operations");
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
        PatchOpType type = type(JsonMembers.get(operation, "op"));
        JsonNode pathNode = JsonMembers.get(operation, "path");
        JsonNode value = JsonMembers.get(operation, "value");
        String pathText = pathNode == null || pathNode.isNull() ? null : pathNode.asText().strip();
        if (pathText == null || pathText.isEmpty()) {
            if (type == PatchOpType.REMOVE) {
                throw ScimException.noTarget("remove needs a path");
            }
            return pathless(type, value);
        }
        Path path = path(pathText);
        if (type == PatchOpType.REMOVE) {
            if (value != null && !value.isNull()) {
                // Read literally, "path": "members" with a value list would remove every member.
                throw ScimException.invalidSyntax("remove takes no value (RFC 7644 §3.5.2.2); name what to remove"
                        + " in the path, e.g. members[value eq \"id\"]");
            }
            return List.of(new PatchOp(PatchOpType.REMOVE, path, null));
        }
        if (value == null) {
            throw ScimException.invalidValue(type.getStringValue() + " of " + pathText + " needs a value");
        }
        return List.of(new PatchOp(type, path, value));
    }

    private static PatchOpType type(JsonNode op) {
        if (op != null && op.isTextual()) {
            switch (op.textValue()) {
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
        throw ScimException.invalidValue("op must be \"add\", \"replace\" or \"remove\" (RFC 7644 §3.5.2)");
    }

    private static Path path(String text) {
        requireWellFormed(text);
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

    /**
     * RFC 7644 §3.5.2's PATH: {@code attrPath}, or {@code attrPath "[" valFilter "]"} and at most a
     * {@code "." subAttr} after it. The SDK's parser takes a missing {@code ]} as if it were there and
     * {@code emails[...]x} as {@code emails[...].x}, so the shape is checked on the text first.
     */
    private static void requireWellFormed(String text) {
        int open = -1;
        int close = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw ScimException.invalidPath("path '" + text.replaceAll("\\p{Cntrl}", "?") + "' has a control character");
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"' && open >= 0) {
                inString = true;
            } else if (c == '[') {
                if (open >= 0) {
                    throw ScimException.invalidPath("path '" + text + "' has more than one value filter");
                }
                open = i;
            } else if (c == ']') {
                if (open < 0 || close >= 0) {
                    throw ScimException.invalidPath("path '" + text + "' has a ']' that closes no '['");
                }
                close = i;
            }
        }
        if (open >= 0 && close < 0) {
            throw ScimException.invalidPath("path '" + text + "' has a '[' without its ']'");
        }
        if (close >= 0 && !SUB_ATTRIBUTE_OR_NOTHING.matcher(text.substring(close + 1)).matches()) {
            throw ScimException.invalidPath("path '" + text + "' may have only '.subAttribute' after its ']'");
        }
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
            if (!ATTRIBUTE_NAME.matcher(key).matches()) {
                throw ScimException.invalidValue("'" + key + "' is not an attribute name: without a path the value"
                        + " is shaped like the resource (RFC 7644 §3.5.2.1), e.g. {\"name\": {\"givenName\": ...}}");
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


}
