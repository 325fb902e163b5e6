package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * The resources deleted since the instant of a {@code meta.lastModified} filter, from the journal, so that a client
 * syncing by "what changed since my last look" learns of deletions too. Only a filter that is nothing but
 * {@code meta.lastModified} comparisons (one alone, or several joined by {@code and} at the top), at least one of
 * them {@code gt} or {@code ge}, gets them: a deleted resource has no other attribute left to match, so any other
 * filter never shows one. A tombstone is minimal: id, schemas, meta (resourceType, lastModified: when the journal
 * recorded the deletion, location) and the Deleted extension's {@code deleted: true}.
 */
final class Tombstones {
    /** The most tombstones one answer holds. */
    static final int LIMIT = 10_000;

    private record Bound(FilterType op, Instant instant) {
        boolean admits(Instant time) {
            int order = time.compareTo(instant);
            return switch (op) {
                case GREATER_THAN -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
                case LESS_THAN -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                default -> order == 0;
            };
        }
    }

    private final List<Bound> bounds;
    private final Instant since;

    private Tombstones(List<Bound> bounds, Instant since) {
        this.bounds = bounds;
        this.since = since;
    }

    /** The tombstone query a filter asks for, or null when it is not a plain meta.lastModified filter. */
    static Tombstones askedBy(Filter filter) {
        List<Filter> parts = new ArrayList<>();
        if (!flatten(filter, parts)) {
            return null;
        }
        List<Bound> bounds = new ArrayList<>();
        Instant since = null;
        for (Filter part : parts) {
            Bound bound = bound(part);
            if (bound == null) {
                return null;
            }
            bounds.add(bound);
            if ((bound.op() == FilterType.GREATER_THAN || bound.op() == FilterType.GREATER_OR_EQUAL)
                    && (since == null || bound.instant().isAfter(since))) {
                since = bound.instant();
            }
        }
        return since == null ? null : new Tombstones(bounds, since);
    }

    private static boolean flatten(Filter filter, List<Filter> into) {
        if (filter.getFilterType() == FilterType.AND) {
            for (Filter component : filter.getCombinedFilters()) {
                if (!flatten(component, into)) {
                    return false;
                }
            }
            return true;
        }
        into.add(filter);
        return true;
    }

    private static Bound bound(Filter filter) {
        FilterType op = filter.getFilterType();
        if (op != FilterType.GREATER_THAN && op != FilterType.GREATER_OR_EQUAL && op != FilterType.LESS_THAN
                && op != FilterType.LESS_OR_EQUAL && op != FilterType.EQUAL) {
            return null;
        }
        var path = filter.getAttributePath();
        if (path == null || path.getSchemaUrn() != null || path.size() != 2
                || !path.getElement(0).getAttribute().equalsIgnoreCase("meta")
                || !path.getElement(1).getAttribute().equalsIgnoreCase("lastModified")
                || filter.getComparisonValue() == null || !filter.getComparisonValue().isTextual()) {
            return null;
        }
        try {
            return new Bound(op, OffsetDateTime.parse(filter.getComparisonValue().textValue()).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The tombstones of the mapping's type the filter admits, oldest deletion first, one per id, of the entries
     * that {@code seen} says were within the client's view and that {@code live} says are not served again: a
     * reactivated account is listed as itself, never also as deleted.
     */
    List<ObjectNode> from(JournalRecorder journal, ResourceMapping mapping, Predicate<JournalEntry> seen,
                          Predicate<String> live, DirectoryReferences references) {
        String resourceType = mapping.name();
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JournalEntry deletion : journal.deletionsSince(resourceType, since, LIMIT)) {
            Instant deletedAt = deletion.completedAt() != null ? deletion.completedAt() : deletion.occurredAt();
            if (deletion.resourceId() == null || !bounds.stream().allMatch(bound -> bound.admits(deletedAt))
                    || !seen.test(deletion)) {
                continue;
            }
            byId.remove(deletion.resourceId());
            byId.put(deletion.resourceId(), tombstone(deletion.resourceId(), resourceType, mapping.coreSchema().urn(),
                    deletedAt, references));
        }
        byId.keySet().removeIf(live);
        return new ArrayList<>(byId.values());
    }

    private static ObjectNode tombstone(String id, String resourceType, String coreSchema, Instant deletedAt,
                                        DirectoryReferences references) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.putArray("schemas").add(coreSchema).add(ScimUrns.DELETED_EXTENSION);
        resource.put("id", id);
        resource.putObject(ScimUrns.DELETED_EXTENSION).put("deleted", true);
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("lastModified", deletedAt.toString());
        meta.put("location", references.location(resourceType, id));
        return resource;
    }
}
