package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ldapscim.bridge.config.DeprovisionConfig.HeldAnswer;

/**
 * The deprovisioning policies of one resource type, how a returning account is recognised, and the mass-change
 * brake; {@link #NONE} when its mapping has no {@code deprovision} section. Immutable.
 *
 * @param defaultPolicy the policy of clients that name none, or null
 * @param userName      the mapper of {@code userName} when returning accounts are matched by it, else null
 * @param externalId    the mapper of {@code externalId} when returning accounts are matched by it, else null
 * @param brake         null without a brake
 */
public record DeprovisionPolicies(Map<String, DeprovisionPolicy> policies, String defaultPolicy,
                                  ScalarMapper userName, ScalarMapper externalId, boolean reactivateOnActiveTrue,
                                  boolean reactivateOnCreate, Brake brake) {

    public static final DeprovisionPolicies NONE = new DeprovisionPolicies(Map.of(), null, null, null, false, false,
            null);

    public DeprovisionPolicies {
        policies = Map.copyOf(policies);
    }

    /** The policy of this name, or null. */
    public DeprovisionPolicy named(String name) {
        return name == null ? null : policies.get(name);
    }

    /** The entry's {@code userName}, or null when it has none or returning accounts are not matched by it. */
    public String userNameOf(Entry entry) {
        return text(userName, entry);
    }

    public String externalIdOf(Entry entry) {
        return text(externalId, entry);
    }

    /** A resource body's {@code userName}, as {@link #userNameOf} reads it from an entry. */
    public static String text(JsonNode body, String attribute) {
        JsonNode value = body == null ? null : body.get(attribute);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String text(ScalarMapper mapper, Entry entry) {
        if (mapper == null) {
            return null;
        }
        List<JsonNode> values = mapper.read(entry, null);
        return values.isEmpty() ? null : values.get(0).asText();
    }

    /**
     * More than {@code maxDeprovisions} accounts deprovisioned by one client within {@code window}, and the
     * next is held for an operator.
     */
    public record Brake(int maxDeprovisions, Duration window, HeldAnswer answer) {
    }
}
