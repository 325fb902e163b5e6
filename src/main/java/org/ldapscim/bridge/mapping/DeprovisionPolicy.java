package org.ldapscim.bridge.mapping;

import java.util.List;
import org.ldapscim.bridge.config.DeprovisionConfig.AfterDelete;

/**
 * A named deprovisioning policy of one resource type, checked against its mapping.
 *
 * @param onDelete     the steps that replace deleting the entry; empty: DELETE deletes
 * @param onDeactivate the steps {@code active=false} runs; empty: only the mapped attribute flips
 * @param afterDelete  whether an account deprovisioned by DELETE answers 404 or shows as inactive
 */
public record DeprovisionPolicy(String name, List<DeprovisionStep> onDelete, List<DeprovisionStep> onDeactivate,
                                AfterDelete afterDelete) {

    public DeprovisionPolicy {
        onDelete = List.copyOf(onDelete);
        onDeactivate = List.copyOf(onDeactivate);
    }

    /** The steps run when a client asks for {@code trigger}. */
    public List<DeprovisionStep> steps(Trigger trigger) {
        return trigger == Trigger.DELETE ? onDelete : onDeactivate;
    }

    /** What a client asked for: the {@code trigger_kind} of {@code deprovision_state}. */
    public enum Trigger {
        DELETE,
        DEACTIVATE
    }
}
