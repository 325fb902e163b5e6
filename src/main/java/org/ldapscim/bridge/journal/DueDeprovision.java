package org.ldapscim.bridge.journal;

import java.time.Instant;

/**
 * An offboarded account whose grace period has passed, as {@code deprovision_state} records it.
 *
 * @param id           the row's id
 * @param resourceType the SCIM resource type, such as {@code User}
 * @param resourceId   the account's SCIM id
 * @param dnNow        where the entry is now, after the offboarding's moves
 * @param purgeAfter   when the grace period ended
 */
public record DueDeprovision(long id, String resourceType, String resourceId, String dnNow, Instant purgeAfter) {
}
