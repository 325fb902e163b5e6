package org.ldapscim.bridge.scim.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * How the bridge meets one identity provider: the request shapes it absorbs and what it answers.
 * A profile with no normalisers is RFC 7644 as written; the {@link IdpProfiles} lists the named ones.
 * Immutable and thread-safe.
 *
 * @param name                      what configuration and the journal call it, e.g. {@code entra}
 * @param operations                rewrite PATCH operations before they are parsed, in this order
 * @param values                    turn values of the wrong JSON type into the schema's type
 * @param replaceAddsTypedElement   whether {@code replace emails[type eq "work"].value} on a user with no work
 *                                  e-mail adds one instead of failing with noTarget (RFC 7644 §3.5.2.3)
 * @param patchReply                what a successful PATCH answers
 * @param quotesBareFilterValues    whether {@code userName sw O} is read as {@code userName sw "O"}, as
 *                                  Microsoft's reference SCIM code and its tests send it (RFC 7644 §3.4.2.2
 *                                  quotes strings)
 * @param dropsUnknownAttributes    whether a POST or PUT may carry attributes no schema of the resource type
 *                                  defines, which are then dropped, instead of answering 400 invalidValue
 * @param requiresSchemas           whether a body without {@code schemas} is 400 invalidValue, as RFC 7643 §3 and
 *                                  RFC 7644 §3.5.2 have it; IdPs leave it out often enough that others tolerate it
 */
public record IdpProfile(String name, List<OperationNormaliser> operations, List<ValueNormaliser> values,
                         boolean replaceAddsTypedElement, PatchReply patchReply, boolean quotesBareFilterValues,
                         boolean dropsUnknownAttributes, boolean requiresSchemas) {

    public IdpProfile {
        operations = List.copyOf(operations);
        values = List.copyOf(values);
    }

    /** The PATCH body with each operation rewritten by the profile's normalisers; other shapes as sent. */
    public JsonNode patchBody(JsonNode body, List<String> schemaUrns) {
        requireSchemas(body);
        if (operations.isEmpty() || body == null || !body.isObject()) {
            return body;
        }
        for (Map.Entry<String, JsonNode> member : body.properties()) {
            if (member.getKey().equalsIgnoreCase("Operations") && member.getValue().isArray()) {
                ObjectNode rewritten = body.deepCopy();
                rewritten.set(member.getKey(), rewrite((ArrayNode) member.getValue(), schemaUrns));
                return rewritten;
            }
        }
        return body;
    }

    private ArrayNode rewrite(ArrayNode sent, List<String> schemaUrns) {
        ArrayNode result = sent.arrayNode();
        for (JsonNode operation : sent) {
            List<JsonNode> current = List.of(operation);
            for (OperationNormaliser normaliser : operations) {
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode one : current) {
                    next.addAll(one.isObject() ? normaliser.normalise((ObjectNode) one, schemaUrns) : List.of(one));
                }
                current = next;
            }
            current.forEach(result::add);
        }
        return result;
    }

    /**
     * A POSTed or PUT resource with its values typed by its schemas, 400 invalidValue for a wrong type; without
     * the attributes no schema defines where the profile drops them.
     */
    public JsonNode resource(JsonNode body, SchemaDefinition core, List<SchemaDefinition> extensions) {
        requireSchemas(body);
        return new TypedValues(values, dropsUnknownAttributes).resource(body, core, extensions);
    }

    /** The value of one add or replace typed by the attribute its path names; 400 invalidValue for a wrong type. */
    public JsonNode value(Path path, JsonNode value, SchemaDefinition core, List<SchemaDefinition> extensions) {
        return new TypedValues(values, dropsUnknownAttributes).atPath(path, value, core, extensions);
    }

    private void requireSchemas(JsonNode body) {
        if (requiresSchemas && body != null && body.isObject()
                && body.properties().stream().noneMatch(m -> m.getKey().equalsIgnoreCase("schemas"))) {
            throw ScimException.invalidValue("the body must list its schemas (RFC 7643 §3)");
        }
    }

    /** A query's filter as the parser should read it, or null without one. */
    public String filter(String text) {
        return quotesBareFilterValues && text != null ? UnquotedFilterValues.quoted(text) : text;
    }
}
