package org.ldapscim.bridge.scim.bulk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * The BulkResponse document (RFC 7644 §3.7.3): one entry per operation that ran or was refused, in request
 * order; operations not reached because {@code failOnErrors} was met are left out.
 */
public final class BulkResponse {

    private BulkResponse() {
    }

    public static ObjectNode of(List<BulkOutcome> outcomes, String requestId) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putArray("schemas").add(ScimUrns.BULK_RESPONSE);
        ArrayNode operations = response.putArray("Operations");
        outcomes.stream().sorted(Comparator.comparingInt(o -> o.operation().index()))
                .forEach(outcome -> outcome.toJson(operations.addObject(), requestId));
        return response;
    }
}
