package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One row of {@code auth_failure}: a failed authentication or a lockout of a source address.
 *
 * @param id         the row's id, 0 before it is written
 * @param event      {@code UNAUTHENTICATED}, {@code FORBIDDEN}, {@code LOCKED_OUT} or {@code LOCKOUT_ENDED}
 * @param credential the kind of credential presented, null for lockout events
 * @param count      the failures that started a lockout, or the requests it refused; null for other events
 */
public record AuthFailureRecord(long id, Instant occurredAt, String event, String sourceAddress, String credential,
                                String client, String issuer, String reason, Long count) {

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("occurredAt", occurredAt.toString());
        json.put("event", event);
        json.put("sourceAddress", sourceAddress);
        json.put("credential", credential);
        json.put("client", client);
        json.put("issuer", issuer);
        json.put("reason", reason);
        json.put("count", count);
        return json;
    }
}
