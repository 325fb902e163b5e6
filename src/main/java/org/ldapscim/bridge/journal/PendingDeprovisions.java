package org.ldapscim.bridge.journal;

/**
 * @param held          offboardings held by the brake, awaiting an operator's decision
 * @param awaitingPurge accounts deprovisioned whose purge is still to come
 */
public record PendingDeprovisions(long held, long awaitingPurge) {
}
