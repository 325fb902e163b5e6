package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.DeprovisionStep;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * Applies one deprovisioning step to an entry and undoes it from what it recorded. Each record is a JSON object
 * with the step's {@code step} name and what the step replaced: the previous values, the groups left (and
 * whether the placeholder member went in), the DN moved from. Directory failures surface as
 * {@link org.ldapscim.bridge.ldap.DirectoryException}.
 */
final class DeprovisionSteps {
    private final ResourceContext context;

    DeprovisionSteps(ResourceContext context) {
        this.context = context;
    }

    /** The outcome of one step: its record and the entry's DN afterwards. */
    record Applied(ObjectNode record, DN dn) {
    }

    Applied apply(DeprovisionStep step, DN dn, Instant now) {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("step", step.kind());
        if (step instanceof DeprovisionStep.Disable disable) {
            Entry current = read(dn, disable.attribute());
            replaceAll(dn, record.putObject("attributes"), current, List.of(disable.disabled(current)));
        } else if (step instanceof DeprovisionStep.SetAttributes set) {
            List<Attribute> values = set.attributes(now);
            Entry current = read(dn, values.stream().map(Attribute::getName).toArray(String[]::new));
            replaceAll(dn, record.putObject("attributes"), current, values);
        } else if (step instanceof DeprovisionStep.StripGroups) {
            stripGroups(dn, record.putArray("groups"));
        } else if (step instanceof DeprovisionStep.MoveTo move) {
            DN moved = context.directory.move(dn, move.parent());
            context.cache.forget(dn);
            record.put("from", dn.toString()).put("to", moved.toString());
            if (!context.mapping.holds(moved)) {
                // Out of the base DNs the account is deleted as the IdP sees it: the journal answers its tombstone.
                record.put("leftBaseDns", true);
            }
            return new Applied(record, moved);
        } else if (step instanceof DeprovisionStep.PurgeAfter purge) {
            record.put("purgeAfter", now.plus(purge.grace()).toString());
        }
        return new Applied(record, dn);
    }

    /** Undoes a recorded step on the entry now at {@code dn}; returns its DN afterwards. */
    DN undo(ObjectNode record, DN dn) {
        switch (record.path("step").asText()) {
            case "disable", "set" -> {
                List<Modification> restore = restoring(record);
                if (!restore.isEmpty()) {
                    context.directory.modify(dn, restore, false);
                }
                return dn;
            }
            case "stripGroups" -> {
                for (var group : record.path("groups")) {
                    List<Modification> back = new ArrayList<>();
                    back.add(new Modification(ModificationType.ADD, group.path("attribute").asText(), dn.toString()));
                    if (group.path("placeholderAdded").asBoolean()) {
                        back.add(new Modification(ModificationType.DELETE, group.path("attribute").asText(),
                                group.path("placeholder").asText()));
                    }
                    DN groupDn = parse(group.path("dn").asText());
                    try {
                        context.directory.modify(groupDn, back, true);
                    } catch (DirectoryException e) {
                        if (e.resultCode() != ResultCode.NO_SUCH_OBJECT) {
                            throw e;
                        }
                        // The group was deleted while the account was offboarded: there is no membership to give back.
                    }
                    context.cache.forget(groupDn);
                }
                return dn;
            }
            case "moveTo" -> {
                DN from = parse(record.path("from").asText());
                DN back = context.directory.move(dn, from.getParent());
                context.cache.forget(dn);
                return back;
            }
            default -> {
                return dn;
            }
        }
    }

    /**
     * What {@link #undo} would do, done to {@code entry} in memory: the recorded values put back, the DN moved
     * from. Group memberships live in the groups and leave the entry as it is.
     */
    static Entry undone(ObjectNode record, Entry entry) {
        try {
            return switch (record.path("step").asText()) {
                case "disable", "set" -> {
                    List<Modification> restore = restoring(record);
                    yield restore.isEmpty() ? entry : Entry.applyModifications(entry, true, restore);
                }
                case "moveTo" -> new Entry(new DN(entry.getParsedDN().getRDN(),
                        parse(record.path("from").asText()).getParent()), entry.getAttributes());
                default -> entry;
            };
        } catch (LDAPException e) {
            throw ScimException.internal("a recorded offboarding step does not apply to its entry", e);
        }
    }

    /** The modifications that put back the values a disable or set step recorded. */
    private static List<Modification> restoring(ObjectNode record) {
        List<Modification> restore = new ArrayList<>();
        record.path("attributes").fields().forEachRemaining(field -> {
            List<String> before = new ArrayList<>();
            field.getValue().path("before").forEach(value -> before.add(value.asText()));
            restore.add(new Modification(ModificationType.REPLACE, field.getKey(), before.toArray(String[]::new)));
        });
        return restore;
    }

    private void replaceAll(DN dn, ObjectNode attributes, Entry current, List<Attribute> wanted) {
        List<Modification> modifications = new ArrayList<>();
        for (Attribute value : wanted) {
            Attribute old = current == null ? null : current.getAttribute(value.getName());
            ObjectNode change = attributes.putObject(value.getName());
            ArrayNode before = change.putArray("before");
            if (old != null) {
                for (String text : old.getValues()) {
                    before.add(text);
                }
            }
            ArrayNode after = change.putArray("after");
            for (String text : value.getValues()) {
                after.add(text);
            }
            modifications.add(new Modification(ModificationType.REPLACE, value.getName(), value.getValues()));
        }
        context.directory.modify(dn, modifications, false);
    }

    /**
     * Removes the entry from every group of every mapped group type that lists it, value by value; a group it
     * was the last member of gets the placeholder member its class requires.
     */
    private void stripGroups(DN dn, ArrayNode groups) {
        for (ResourceMapping groupMapping : context.allMappings) {
            for (AttributeMapper members : groupMapping.mappersOf(groupMapping.coreSchema().urn(), "members")) {
                String attribute = members.writtenAttribute();
                if (attribute == null) {
                    continue;
                }
                Filter memberOf = Filter.createANDFilter(Filter.createEqualityFilter(attribute, dn.toString()),
                        groupMapping.searchFilter());
                for (DN base : groupMapping.baseDns()) {
                    for (SearchResultEntry group : context.directory.search(base, memberOf, 0, "1.1")) {
                        DN groupDn = ResourceWrites.parsed(group);
                        ObjectNode left = groups.addObject().put("dn", groupDn.toString()).put("attribute", attribute);
                        leave(groupDn, attribute, dn, groupMapping.placeholderMember(), left);
                        context.cache.forget(groupDn);
                    }
                }
            }
        }
    }

    private void leave(DN group, String attribute, DN member, DN placeholder, ObjectNode left) {
        Modification remove = new Modification(ModificationType.DELETE, attribute, member.toString());
        try {
            context.directory.modify(group, List.of(remove), true);
            left.put("placeholderAdded", false);
        } catch (DirectoryException e) {
            if (e.resultCode() != ResultCode.OBJECT_CLASS_VIOLATION || placeholder == null) {
                throw e;
            }
            // It was the group's last member, and the group's class requires one.
            context.directory.modify(group, List.of(new Modification(ModificationType.ADD, attribute,
                    placeholder.toString()), remove), true);
            left.put("placeholderAdded", true).put("placeholder", placeholder.toString());
        }
    }

    private Entry read(DN dn, String... attributes) {
        Entry entry = context.directory.read(dn, attributes);
        if (entry == null) {
            throw new EntryMovedException(null);
        }
        return entry;
    }

    static DN parse(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw ScimException.internal("a recorded DN does not parse", e);
        }
    }
}
