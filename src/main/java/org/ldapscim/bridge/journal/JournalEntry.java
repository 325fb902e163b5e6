package org.ldapscim.bridge.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded write, as read back from the journal.
 *
 * @param id           the entry's number; later entries have larger numbers
 * @param occurredAt   when the write began
 * @param requestId    the SCIM request it belongs to
 * @param client       who sent the request
 * @param profile      the IdP profile the request was read with, {@code null} for entries older than profiles
 * @param operation    the kind of write
 * @param resourceType the SCIM resource type
 * @param resourceId   the SCIM id, {@code null} if a create never produced one
 * @param dn           the LDAP entry's DN, {@code null} if never known
 * @param changes      an object mapping attribute names to {@code {"before":[...],"after":[...]}}
 * @param outcome      whether the write is still pending, succeeded or failed
 * @param detail       a short explanation, typically the error of a failed write, or {@code null}
 * @param completedAt  when the outcome was recorded, {@code null} while pending
 * @param origin       where the change came from: a SCIM request, the directory, an operator
 * @param entryVersion the entry's meta.version as the change left it, {@code null} where unknown or deleted
 */
public record JournalEntry(
        long id,
        Instant occurredAt,
        String requestId,
        String client,
        String profile,
        Operation operation,
        String resourceType,
        String resourceId,
        String dn,
        JsonNode changes,
        Outcome outcome,
        String detail,
        Instant completedAt,
        Origin origin,
        String entryVersion) {

    public JournalEntry {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** This entry as one JSON object, times in ISO-8601 UTC, absent values as JSON null. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("occurredAt", occurredAt.toString());
        json.put("requestId", requestId);
        json.put("client", client);
        json.put("profile", profile);
        json.put("operation", operation.name());
        json.put("resourceType", resourceType);
        json.put("resourceId", resourceId);
        json.put("dn", dn);
        json.set("changes", changes.deepCopy());
        json.put("outcome", outcome.name());
        json.put("detail", detail);
        json.put("completedAt", completedAt == null ? null : completedAt.toString());
        json.put("origin", origin.name());
        json.put("entryVersion", entryVersion);
        return json;
    }
}
