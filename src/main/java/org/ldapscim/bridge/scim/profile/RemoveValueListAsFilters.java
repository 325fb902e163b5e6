package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.scim.JsonMembers;

/**
 * A remove naming a multi-valued attribute and listing the values to take away becomes one remove per
 * value with a value filter:
 * <pre>
 * {"op":"remove","path":"members","value":[{"value":"u1"},{"value":"u2"}]}
 * → {"op":"remove","path":"members[value eq \"u1\"]"}  {"op":"remove","path":"members[value eq \"u2\"]"}
 * </pre>
 * RFC 7644 §3.5.2.2 gives remove no value, and read literally the first form removes every member. Entra's
 * default job and JumpCloud send it to remove some.
 */
public final class RemoveValueListAsFilters implements OperationNormaliser {

    @Override
    public List<ObjectNode> normalise(ObjectNode operation, List<String> schemaUrns) {
        String op = JsonMembers.text(operation, "op");
        String pathText = JsonMembers.text(operation, "path");
        JsonNode value = JsonMembers.get(operation, "value");
        if (op == null || !op.equalsIgnoreCase("remove") || pathText == null || value == null || !value.isArray()
                || value.isEmpty()) {
            return List.of(operation);
        }
        try {
            Path path = Path.fromString(pathText.trim());
            if (path.size() != 1 || path.getElement(0).getValueFilter() != null) {
                return List.of(operation);
            }
            List<ObjectNode> removes = new ArrayList<>();
            for (JsonNode element : value) {
                JsonNode id = element.isObject() ? JsonMembers.get(element, "value") : element;
                if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
                    // Not a list of ids after all: the parser says what is wrong with the original.
                    return List.of(operation);
                }
                Path one = Path.root(path.getSchemaUrn()).attribute(path.getElement(0).getAttribute(),
                        Filter.eq("value", id.textValue()));
                ObjectNode remove = operation.objectNode();
                remove.put("op", op);
                remove.put("path", one.toString());
                removes.add(remove);
            }
            return removes;
        } catch (BadRequestException e) {
            return List.of(operation);
        }
    }
}
