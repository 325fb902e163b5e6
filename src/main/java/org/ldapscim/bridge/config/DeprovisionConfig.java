package org.ldapscim.bridge.config;

import java.util.List;
import java.util.Map;

/**
 * What DELETE and {@code active=false} do to an account of one resource type, as named policies, and how a
 * returning account is recognised and restored. The {@code deprovision} section of a mapping file.
 *
 * @param defaultPolicy the policy for clients that name none; without one such clients keep plain DELETE
 * @param policies      policy name to its step lists
 * @param reactivate    when and by what a deprovisioned account is restored
 * @param brake         how many deprovisions one client may make in a time window before they wait for an operator
 */
public record DeprovisionConfig(String defaultPolicy, Map<String, PolicyConfig> policies, ReactivateConfig reactivate,
                                BrakeConfig brake) {

    public DeprovisionConfig {
        policies = policies == null ? Map.of() : Map.copyOf(policies);
        reactivate = reactivate == null ? new ReactivateConfig(null, null, null) : reactivate;
    }

    /**
     * @param onDelete     the steps a DELETE runs instead of deleting the entry; left out (null): DELETE deletes.
     *                     An empty list is kept as given, so that the compiler can refuse it.
     * @param onDeactivate the steps {@code active=false} runs; left out (null): only the mapped attribute flips
     * @param afterDelete  how a deprovisioned-by-DELETE account answers: {@code notFound} (404, gone from lists)
     *                     or {@code inactive} (shown with {@code active: false})
     */
    public record PolicyConfig(List<StepConfig> onDelete, List<StepConfig> onDeactivate, AfterDelete afterDelete) {
        public PolicyConfig {
            onDelete = onDelete == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(onDelete));
            onDeactivate = onDeactivate == null ? null
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(onDeactivate));
            afterDelete = afterDelete == null ? AfterDelete.notFound : afterDelete;
        }
    }

    /** How an account deprovisioned by DELETE answers afterwards. */
    public enum AfterDelete {
        notFound,
        inactive
    }

    /**
     * One step; exactly one key is given.
     *
     * @param disable        lock the account: {@code {}} through the mapping's {@code active}, or a given attribute and value
     * @param stripGroups    {@code true}: remove the account from every group
     * @param moveTo         the DN of the OU the entry moves under (a quarantine OU)
     * @param set            LDAP attribute to value; {@code {date}} and {@code {timestamp}} stand for now (UTC)
     * @param purgeAfterDays days after which the account is deleted for good
     */
    public record StepConfig(DisableConfig disable, Boolean stripGroups, String moveTo, Map<String, String> set,
                             Integer purgeAfterDays) {
    }

    /**
     * @param attribute an LDAP attribute to write instead of the mapping's {@code active}
     * @param value     the value that attribute takes while the account is disabled
     */
    public record DisableConfig(String attribute, String value) {
    }

    /**
     * @param matchBy      the SCIM attributes a POST is matched by: {@code userName}, {@code externalId}
     * @param onActiveTrue {@code active=true} on a deactivated account undoes its steps (default true)
     * @param onCreate     a POST whose values match a deprovisioned account restores that account instead
     *                     of creating another (default false)
     */
    public record ReactivateConfig(List<String> matchBy, Boolean onActiveTrue, Boolean onCreate) {
        public ReactivateConfig {
            matchBy = matchBy == null ? List.of("userName", "externalId") : List.copyOf(matchBy);
            onActiveTrue = onActiveTrue == null || onActiveTrue;
            onCreate = onCreate != null && onCreate;
        }
    }

    /**
     * @param maxDeprovisions how many accounts one client may deprovision within the window
     * @param withinMinutes   the window
     * @param answer          what a held request is answered: {@code accepted} (as if applied) or
     *                        {@code unavailable} (503 with Retry-After)
     */
    public record BrakeConfig(Integer maxDeprovisions, Integer withinMinutes, HeldAnswer answer) {
        public BrakeConfig {
            answer = answer == null ? HeldAnswer.accepted : answer;
        }
    }

    /** What a request held by the brake is answered. */
    public enum HeldAnswer {
        accepted,
        unavailable
    }
}
