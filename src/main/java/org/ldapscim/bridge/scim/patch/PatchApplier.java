package org.ldapscim.bridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import java.util.List;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Applies PATCH operations to a resource's JSON with the SCIM 2 SDK, on a copy: the caller compares the
 * result with the original, so nothing is half-applied if a later operation fails.
 */
public final class PatchApplier {

    private PatchApplier() {
    }

    /**
     * @param replaceAddsTypedElement whether a replace of a typed element's sub-attribute adds the element when
     *                                there is none, as the IdP profile decides
     */
    public static ObjectNode apply(ObjectNode resource, List<PatchOp> ops, boolean replaceAddsTypedElement) {
        ObjectNode patched = resource.deepCopy();
        for (PatchOp op : ops) {
            applyOne(patched, op, replaceAddsTypedElement);
        }
        return patched;
    }

    private static void applyOne(ObjectNode patched, PatchOp op, boolean replaceAddsTypedElement) {
        try {
            PatchOperation.create(op.type(), op.path(), op.value()).apply(patched);
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            if (op.type() == PatchOpType.REPLACE && replaceAddsTypedElement
                    && addsTypedElementInstead(patched, op)) {
                return;
            }
            if (op.type() == PatchOpType.REMOVE && "noTarget".equals(e.getScimError().getScimType())) {
                // Removing what is not there leaves the resource as the client wants it.
                return;
            }
            throw ScimException.fromSdk(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ScimException.invalidValue("operation on " + op.path() + " cannot be applied: value has the wrong shape");
        }
    }

    /**
     * {@code replace emails[type eq "work"].value} on a user with no work e-mail: RFC 7644 §3.5.2.3 calls it
     * noTarget, but Entra sends exactly this to set a first work address, so under its profile the element is
     * added.
     */
    private static boolean addsTypedElementInstead(ObjectNode patched, PatchOp op) {
        Path path = op.path();
        Filter filter = path.getElement(0).getValueFilter();
        if (path.size() != 2 || filter == null || filter.getFilterType() != FilterType.EQUAL
                || !filter.getAttributePath().toString().equalsIgnoreCase("type")) {
            return false;
        }
        ObjectNode container = path.getSchemaUrn() == null ? patched : patched.with(path.getSchemaUrn());
        String attribute = path.getElement(0).getAttribute();
        JsonNode existing = container.get(attribute);
        ArrayNode elements = existing != null && existing.isArray() ? (ArrayNode) existing : container.putArray(attribute);
        ObjectNode element = elements.addObject();
        element.set("type", filter.getComparisonValue());
        element.set(path.getElement(1).getAttribute(), op.value());
        return true;
    }
}
