package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One row of {@code deprovision_state}: the offboarding of one account, what each step undid, and where it
 * stands.
 *
 * @param trigger     {@code DELETE} or {@code DEACTIVATE}
 * @param state       {@code HELD}, {@code DEPROVISIONED}, {@code REACTIVATED}, {@code PURGED} or {@code REJECTED}
 * @param steps       the steps applied, each with what it undid
 * @param heldRequest what a held row applies once approved, or null
 */
public record DeprovisionRecord(long id, String resourceType, String resourceId, String client, String requestId,
                                String trigger, String policy, String state, String userName, String externalId,
                                String dnBefore, String dnNow, ArrayNode steps, JsonNode heldRequest,
                                Instant requestedAt, Instant deprovisionedAt, Instant purgeAfter, Instant closedAt) {

    public static final String HELD = "HELD";
    public static final String DEPROVISIONED = "DEPROVISIONED";
    public static final String REACTIVATED = "REACTIVATED";
    public static final String PURGED = "PURGED";
    public static final String REJECTED = "REJECTED";

    /** This row as one JSON object, times in ISO-8601 UTC. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("resourceType", resourceType);
        json.put("resourceId", resourceId);
        json.put("client", client);
        json.put("requestId", requestId);
        json.put("trigger", trigger);
        json.put("policy", policy);
        json.put("state", state);
        json.put("userName", userName);
        json.put("externalId", externalId);
        json.put("dnBefore", dnBefore);
        json.put("dnNow", dnNow);
        json.set("steps", steps.deepCopy());
        json.set("heldRequest", heldRequest == null ? null : heldRequest.deepCopy());
        json.put("requestedAt", text(requestedAt));
        json.put("deprovisionedAt", text(deprovisionedAt));
        json.put("purgeAfter", text(purgeAfter));
        json.put("closedAt", text(closedAt));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
