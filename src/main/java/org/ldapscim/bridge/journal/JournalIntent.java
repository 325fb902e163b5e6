package org.ldapscim.bridge.journal;

import java.util.Objects;

/**
 * What the bridge is about to do, recorded by {@link JournalStore#begin} before the directory is
 * touched, so that a write which never completes still leaves a trace.
 *
 * @param requestId    identifies the SCIM request, at most 64 characters
 * @param client       who sent it, at most 128 characters
 * @param profile      the IdP profile the request was read with, at most 32 characters
 * @param operation    the kind of write
 * @param resourceType the SCIM resource type, such as {@code User}, at most 64 characters
 * @param resourceId   the SCIM id, or {@code null} while a create has not yet produced one
 * @param dn           the LDAP entry's DN, or {@code null} if not yet known
 */
public record JournalIntent(
        String requestId,
        String client,
        String profile,
        Operation operation,
        String resourceType,
        String resourceId,
        String dn) {

    /** The longest DN, in characters, that an entry records. */
    public static final int MAX_DN_LENGTH = ColumnLimits.DN;

    public JournalIntent {
        ColumnLimits.requirePresent(requestId, ColumnLimits.REQUEST_ID, "requestId");
        ColumnLimits.requirePresent(client, ColumnLimits.CLIENT, "client");
        ColumnLimits.requirePresent(profile, ColumnLimits.PROFILE, "profile");
        Objects.requireNonNull(operation, "operation");
        ColumnLimits.requirePresent(resourceType, ColumnLimits.RESOURCE_TYPE, "resourceType");
        ColumnLimits.requireFits(resourceId, ColumnLimits.RESOURCE_ID, "resourceId");
        ColumnLimits.requireFits(dn, ColumnLimits.DN, "dn");
    }
}
