package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * @param changes      the intended change, shaped as {@link JournalEntry#changes}, secrets left out: enough to
 *                     tell afterwards, from the directory alone, whether it was applied
 * @param bodyHash     for a create, the hash of its normalised request body without secrets, else {@code null}
 * @param clientRequestId the request id the client sent itself, at most 64 characters, or {@code null}
 */
public record JournalIntent(
        String requestId,
        String client,
        String profile,
        Operation operation,
        String resourceType,
        String resourceId,
        String dn,
        ObjectNode changes,
        String bodyHash,
        String clientRequestId) {

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
        changes = changes == null ? JsonNodeFactory.instance.objectNode() : changes;
        ColumnLimits.requireFits(bodyHash, ColumnLimits.BODY_HASH, "bodyHash");
        ColumnLimits.requireFits(clientRequestId, ColumnLimits.REQUEST_ID, "clientRequestId");
    }

    /** An intent that records no intended change. */
    public JournalIntent(String requestId, String client, String profile, Operation operation, String resourceType,
                         String resourceId, String dn) {
        this(requestId, client, profile, operation, resourceType, resourceId, dn, null, null, null);
    }
}
