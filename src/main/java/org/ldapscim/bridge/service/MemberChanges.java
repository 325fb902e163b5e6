package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ReferenceResolver;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.patch.PatchOp;

/**
 * PATCH operations on a multi-valued reference such as {@code members}, turned into value-level LDAP
 * modifications: add member X, delete member Y. The member list is never read to change it, so a PATCH on
 * a group of 100,000 costs what one on a group of 10 does, and concurrent PATCHes lose nothing. Re-adding
 * a member or removing a non-member is a quiet success (RFC 7644 leaves it open; IdPs retry).
 */
final class MemberChanges {
    private final ReferenceMapper mapper;
    private final DN placeholder;
    private final Set<String> added = new LinkedHashSet<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private boolean replaceAll;
    private final List<String> kept = new ArrayList<>();

    MemberChanges(ReferenceMapper mapper, DN placeholder) {
        this.mapper = mapper;
        this.placeholder = placeholder;
    }

    /** Takes one operation whose path names the mapper's attribute. */
    void take(PatchOp op, ReferenceResolver references) {
        if (op.path().size() > 1) {
            // The path was checked against the schema: value, $ref and type are immutable, display read-only
            // (RFC 7643 §4.2), so a member is added or removed, never edited in place.
            throw ScimException.mutability("sub-attributes of " + op.attribute() + " cannot be changed");
        }
        var filter = op.path().getElement(0).getValueFilter();
        if (replacesAll(op)) {
            replaceAll = true;
            added.clear();
            removed.clear();
        }
        if (op.type() == PatchOpType.REMOVE) {
            if (filter != null) {
                remove(filterId(filter), references);
            }
            return;
        }
        if (filter != null) {
            throw ScimException.invalidPath(op.type().getStringValue() + " takes " + op.attribute()
                    + " without a filter");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode value : values(op.value())) {
            ids.add(ReferenceMapper.idOf(value, op.attribute()));
        }
        var found = references.requireAll(ids, mapper.targets(), op.attribute());
        for (String id : ids) {
            String value = mapper.valueFor(found.get(id), references);
            removed.remove(value);
            added.add(value);
        }
    }

    /** A replace, or a remove without a filter: the operation sets the whole list rather than moving values. */
    static boolean replacesAll(PatchOp op) {
        return op.path().getElement(0).getValueFilter() == null
                && (op.type() == PatchOpType.REPLACE || op.type() == PatchOpType.REMOVE);
    }

    private void remove(String id, ReferenceResolver references) {
        try {
            String value = mapper.valueFor(references.byId(id, mapper.targets(), mapper.path().attribute()), references);
            added.remove(value);
            removed.add(value);
        } catch (ScimException unknown) {
            // Removing an id that names nothing leaves the group as the client wants it.
        }
    }

    private static String filterId(com.unboundid.scim2.common.filters.Filter filter) {
        if (filter.getFilterType() != FilterType.EQUAL || !filter.getAttributePath().toString().equalsIgnoreCase("value")
                || !filter.getComparisonValue().isTextual()) {
            throw ScimException.invalidPath("members can only be selected with [value eq \"id\"]");
        }
        return filter.getComparisonValue().textValue();
    }

    private static List<JsonNode> values(JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        return values;
    }

    /** Values a replace of the whole list keeps: members the client is not shown ({@link UnshownMembers}). */
    void keep(List<String> unshown) {
        kept.addAll(unshown);
    }

    boolean isEmpty() {
        return !replaceAll && added.isEmpty() && removed.isEmpty();
    }

    /**
     * The modifications for the group at {@code groupDn}. A full replace writes the whole list once; otherwise
     * only the named values move. A placeholder member is swapped in and out as the group empties and fills.
     */
    List<Modification> modifications(DirectoryClient directory, DN groupDn) {
        String attribute = mapper.writtenAttribute();
        if (added.stream().anyMatch(dn -> sameDn(dn, groupDn))) {
            throw ScimException.invalidValue("a group cannot be its own member");
        }
        List<Modification> modifications = new ArrayList<>();
        if (replaceAll) {
            Set<String> values = new LinkedHashSet<>(added);
            values.addAll(kept);
            if (values.isEmpty() && placeholder != null) {
                values.add(placeholder.toString());
            }
            modifications.add(new Modification(ModificationType.REPLACE, attribute, values.toArray(String[]::new)));
            return modifications;
        }
        boolean permissive = directory.supportsPermissiveModify();
        boolean placeholderHeld = placeholder != null
                && directory.matches(groupDn, Filter.createEqualityFilter(attribute, placeholder.toString()));
        Set<String> toAdd = new LinkedHashSet<>(added);
        if (!permissive) {
            toAdd.removeAll(heldOf(directory, groupDn, added));
        }
        if (!toAdd.isEmpty()) {
            modifications.add(new Modification(ModificationType.ADD, attribute, toAdd.toArray(String[]::new)));
        }
        if (!added.isEmpty() && placeholderHeld) {
            modifications.add(new Modification(ModificationType.DELETE, attribute, placeholder.toString()));
        }
        Set<String> toRemove = permissive ? removed : heldOf(directory, groupDn, removed);
        if (!toRemove.isEmpty()) {
            // If this empties a group whose class requires a member, the directory refuses it and the write is
            // retried with the placeholder (placeholderFor): a group that keeps members never holds it.
            modifications.add(new Modification(ModificationType.DELETE, attribute, toRemove.toArray(String[]::new)));
        }
        return modifications;
    }

    /**
     * The modification that keeps a group valid when {@code memberModifications} delete its last member and
     * the directory refused that with objectClassViolation (groupOfNames requires a member, RFC 4519 §3.5):
     * the placeholder added. Null when the modifications add a member or delete none, or there is no placeholder.
     */
    static Modification placeholderFor(List<Modification> memberModifications, DN placeholder) {
        if (placeholder == null) {
            return null;
        }
        for (Modification delete : memberModifications) {
            String attribute = delete.getAttributeName();
            boolean addsToIt = memberModifications.stream().anyMatch(m -> m.getModificationType() != ModificationType.DELETE
                    && m.getAttributeName().equalsIgnoreCase(attribute));
            if (delete.getModificationType() == ModificationType.DELETE && delete.hasValue() && !addsToIt) {
                return new Modification(ModificationType.ADD, attribute, placeholder.toString());
            }
        }
        return null;
    }

    private static boolean sameDn(String dn, DN other) {
        try {
            return new DN(dn).equals(other);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return false;
        }
    }

    /** Without Permissive Modify, deleting a value that is not there fails; only held values are deleted. */
    private Set<String> heldOf(DirectoryClient directory, DN groupDn, Set<String> candidates) {
        Set<String> held = new LinkedHashSet<>();
        for (String dn : candidates) {
            if (directory.matches(groupDn, Filter.createEqualityFilter(mapper.writtenAttribute(), dn))) {
                held.add(dn);
            }
        }
        return held;
    }
}
