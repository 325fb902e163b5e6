package org.ldapscim.bridge.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ldapscim.bridge.scim.JsonMembers;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * A parsed BulkRequest (RFC 7644 §3.7). A body that is not a well-formed request is refused whole, before any
 * operation runs; what an operation's data means is checked when it runs, as for a single request.
 *
 * <p>Example: {@code {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations":[{"method":
 * "POST","path":"/Users","bulkId":"u1","data":{...}}]}} parses to one POST whose bulkId is {@code u1}.
 *
 * @param failOnErrors how many failed operations end the request, {@link Integer#MAX_VALUE} when not given
 */
public record BulkRequest(List<BulkOperation> operations, int failOnErrors) {

    public BulkRequest {
        operations = List.copyOf(operations);
    }

    /** Parses a body; more than {@code maxOperations} operations is 413 {@code tooMany} (RFC 7644 §3.7.4). */
    public static BulkRequest parse(JsonNode body, int maxOperations) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a bulk body is a BulkRequest object");
        }
        requireSchema(JsonMembers.get(body, "schemas"));
        JsonNode operations = JsonMembers.get(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("a BulkRequest needs an Operations array");
        }
        if (operations.size() > maxOperations) {
            throw new ScimException(413, ScimType.tooMany, "a bulk request may hold at most " + maxOperations
                    + " operations (ServiceProviderConfig bulk.maxOperations)");
        }
        List<BulkOperation> parsed = new ArrayList<>();
        Set<String> bulkIds = new HashSet<>();
        for (JsonNode operation : operations) {
            BulkOperation op = operation(operation, parsed.size());
            if (op.bulkId() != null && !bulkIds.add(op.bulkId())) {
                throw ScimException.invalidValue("bulkId '" + op.bulkId() + "' is used by more than one operation");
            }
            parsed.add(op);
        }
        return new BulkRequest(parsed, failOnErrors(JsonMembers.get(body, "failOnErrors")));
    }

    private static void requireSchema(JsonNode schemas) {
        if (schemas == null || !schemas.isArray()) {
            throw ScimException.invalidValue("schemas must list " + ScimUrns.BULK_REQUEST);
        }
        for (JsonNode schema : schemas) {
            if (schema.isTextual() && schema.textValue().equalsIgnoreCase(ScimUrns.BULK_REQUEST)) {
                return;
            }
        }
        throw ScimException.invalidValue("schemas must list " + ScimUrns.BULK_REQUEST);
    }

    private static int failOnErrors(JsonNode node) {
        if (node == null || node.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw ScimException.invalidValue("failOnErrors must be a whole number of at least 1");
        }
        return node.intValue();
    }

    private static BulkOperation operation(JsonNode node, int index) {
        String where = "Operations[" + index + "]";
        if (!node.isObject()) {
            throw ScimException.invalidSyntax(where + " is not an object");
        }
        BulkMethod method = method(text(JsonMembers.get(node, "method"), where + ".method"), where);
        String path = text(JsonMembers.get(node, "path"), where + ".path");
        if (path == null || !path.startsWith("/")) {
            throw ScimException.invalidValue(where + ".path must be a resource path such as /Users or /Users/<id>");
        }
        String bulkId = text(JsonMembers.get(node, "bulkId"), where + ".bulkId");
        if (bulkId != null && bulkId.isBlank()) {
            throw ScimException.invalidValue(where + ".bulkId must not be empty");
        }
        if (method == BulkMethod.POST && bulkId == null) {
            throw ScimException.invalidValue(where + ": a POST needs a bulkId (RFC 7644 §3.7)");
        }
        JsonNode data = JsonMembers.get(node, "data");
        if (method != BulkMethod.DELETE && (data == null || !data.isObject())) {
            throw ScimException.invalidValue(where + ".data must be an object for " + method);
        }
        String version = text(JsonMembers.get(node, "version"), where + ".version");
        return new BulkOperation(index, method, bulkId, path, version, method == BulkMethod.DELETE ? null : data);
    }

    private static BulkMethod method(String text, String where) {
        if (text != null) {
            for (BulkMethod method : BulkMethod.values()) {
                if (method.name().equals(text.toUpperCase(Locale.ROOT))) {
                    return method;
                }
            }
        }
        throw ScimException.invalidValue(where + ".method must be POST, PUT, PATCH or DELETE");
    }

    private static String text(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ScimException.invalidValue(where + " must be a string");
        }
        return node.textValue();
    }
}
