package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.ldap.DirectoryException;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.ReferenceMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.patch.PatchApplier;
import org.ldapscim.bridge.scim.patch.PatchOp;
import org.ldapscim.bridge.scim.patch.PatchParser;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * PATCH (RFC 7644 §3.5.2): operations on ordinary attributes are applied to the resource's JSON and the
 * difference written; operations on multi-valued references become value-level modifications. Everything
 * goes to the directory in one modify request: all operations take effect, or none.
 */
final class ResourcePatches {
    private final ResourceContext context;
    private final ResourceWrites writes;
    private final PatchParser parser;

    ResourcePatches(ResourceContext context, ResourceWrites writes) {
        this.context = context;
        this.writes = writes;
        this.parser = new PatchParser(context.mapping.extensions().stream().map(SchemaDefinition::urn).toList());
    }

    ObjectNode patch(String id, JsonNode body, Predicate<AttributeMapper> shown, RequestContext request) {
        ResourceMapping mapping = context.mapping;
        List<String> extensionUrns = mapping.extensions().stream().map(SchemaDefinition::urn).toList();
        List<PatchOp> ops = parser.parse(request.profile().patchBody(body, extensionUrns)).stream()
                .map(this::checkTarget).map(op -> typed(op, request)).toList();
        Map<ReferenceMapper, List<PatchOp>> memberOps = new LinkedHashMap<>();
        List<PatchOp> attributeOps = new ArrayList<>();
        for (PatchOp op : ops) {
            ReferenceMapper members = valueLevel(op);
            if (members != null) {
                memberOps.computeIfAbsent(members, m -> new ArrayList<>()).add(op);
            } else {
                attributeOps.add(op);
            }
        }
        // The read leaves out what is changed value by value: a large group's members are not fetched to add
        // or remove one. A PATCH that replaces them all reads them, so the journal can say what they were.
        Predicate<AttributeMapper> read = m -> !isValueLevel(m);
        Predicate<AttributeMapper> replacedWhole = m -> memberOps.getOrDefault(m, List.of()).stream()
                .anyMatch(MemberChanges::replacesAll);
        SearchResultEntry current = context.require(id, read.or(replacedWhole));
        DirectoryReferences references = context.references(request);
        EntryChanges changes = EntryChanges.between(current, Map.of());
        if (!attributeOps.isEmpty()) {
            ObjectNode before = mapping.toScim(current, read, references);
            ObjectNode after = PatchApplier.apply(before, attributeOps, request.profile().replaceAddsTypedElement());
            ResourceBodies.requirePresent(after, mapping);
            if (changesUniqueValue(before, after)) {
                writes.requireUnique(after, mapping.id().read(current));
            }
            Map<String, Attribute> desired = new LinkedHashMap<>();
            Map<String, Attribute> wanted = mapping.desiredAttributes(after, current, references);
            Map<String, Attribute> was = mapping.desiredAttributes(before, current, references);
            for (Map.Entry<String, Attribute> entry : wanted.entrySet()) {
                // Only what the operations changed is written; untouched values stay as the directory has them.
                if (!entry.getValue().equals(was.get(entry.getKey())) && !isValueLevelAttribute(entry.getKey())) {
                    desired.put(entry.getKey(), entry.getValue());
                }
            }
            changes = EntryChanges.between(current, desired);
        }
        List<Modification> memberModifications = new ArrayList<>();
        try {
            for (Map.Entry<ReferenceMapper, List<PatchOp>> entry : memberOps.entrySet()) {
                MemberChanges memberChanges = new MemberChanges(entry.getKey(), mapping.placeholderMember());
                entry.getValue().forEach(op -> memberChanges.take(op, references));
                if (entry.getValue().stream().anyMatch(MemberChanges::replacesAll)) {
                    memberChanges.keep(UnshownMembers.kept(entry.getKey(), current, context, references));
                }
                memberModifications.addAll(memberChanges.modifications(context.directory, ResourceWrites.parsed(current)));
            }
        } catch (DirectoryException e) {
            throw DirectoryErrors.translate(e, "reading members of " + mapping.name() + " " + id);
        }
        Entry after = writes.apply(current, changes, memberModifications, Operation.PATCH, id, shown, request,
                attributeOps.stream().anyMatch(ResourcePatches::setsActiveTrue));
        return mapping.toScim(after, shown, references);
    }

    private PatchOp typed(PatchOp op, RequestContext request) {
        if (op.value() == null) {
            return op;
        }
        ResourceMapping mapping = context.mapping;
        return new PatchOp(op.type(), op.path(),
                request.profile().value(op.path(), op.value(), mapping.coreSchema(), mapping.extensions()));
    }

    private boolean isValueLevelAttribute(String ldapName) {
        return context.mapping.mappers().stream()
                .anyMatch(m -> isValueLevel(m) && m.writtenAttribute().equalsIgnoreCase(ldapName));
    }

    /** Multi-valued writable references are changed value by value, never rewritten whole. */
    private static boolean isValueLevel(AttributeMapper mapper) {
        return mapper instanceof ReferenceMapper reference && reference.definition().isMultiValued()
                && ResourceMapping.isWritable(reference);
    }

    private boolean changesUniqueValue(ObjectNode before, ObjectNode after) {
        for (AttributeMapper mapper : context.mapping.mappers()) {
            if (mapper.definition().getUniqueness() == AttributeDefinition.Uniqueness.SERVER) {
                String urn = context.mapping.coreSchema().urn();
                if (!org.ldapscim.bridge.mapping.ScimDocument.values(before, mapper.path(), urn, false)
                        .equals(org.ldapscim.bridge.mapping.ScimDocument.values(after, mapper.path(), urn, false))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reference mapper that takes this operation value by value, or null. */
    private ReferenceMapper valueLevel(PatchOp op) {
        for (AttributeMapper mapper : mappersOf(op)) {
            if (isValueLevel(mapper)) {
                return (ReferenceMapper) mapper;
            }
        }
        return null;
    }

    private List<AttributeMapper> mappersOf(PatchOp op) {
        String urn = op.schemaUrn() == null ? context.mapping.coreSchema().urn() : op.schemaUrn();
        return context.mapping.mappersOf(urn, op.attribute());
    }

    /**
     * Unknown attributes are 400 invalidPath; read-only ones 400 mutability (RFC 7644 §3.5.2). Returns the
     * operation with its path spelt as the schema spells it: names match in any case (RFC 7643 §2.1), but
     * the PATCH is applied to JSON, whose keys do not, and "Active" would land beside "active".
     */
    private PatchOp checkTarget(PatchOp op) {
        ResourceMapping mapping = context.mapping;
        String urn = op.schemaUrn() == null ? mapping.coreSchema().urn() : op.schemaUrn();
        SchemaDefinition schema = mapping.coreSchema().urn().equalsIgnoreCase(urn) ? mapping.coreSchema()
                : mapping.extensions().stream().filter(e -> e.urn().equalsIgnoreCase(urn)).findFirst().orElse(null);
        if (op.path().getSchemaUrn() == null && List.of("id", "meta", "schemas").stream().anyMatch(op.attribute()::equalsIgnoreCase)) {
            throw ScimException.mutability(op.attribute() + " cannot be changed");
        }
        AttributeDefinition definition = schema == null ? null : schema.attribute(op.attribute()).orElse(null);
        if (definition == null) {
            throw ScimException.invalidPath("'" + op.path() + "' is not an attribute of " + mapping.name() + "s");
        }
        if (definition.getMutability() == AttributeDefinition.Mutability.READ_ONLY) {
            throw ScimException.mutability(op.attribute() + " is read-only");
        }
        Filter valueFilter = op.path().getElement(0).getValueFilter();
        if (valueFilter != null) {
            requireSubAttributes(valueFilter, definition, op);
        }
        Path canonical = (schema == mapping.coreSchema() ? Path.root() : Path.root(schema.urn()))
                .attribute(definition.getName(), op.path().getElement(0).getValueFilter());
        if (op.path().size() > 1) {
            String sub = op.path().getElement(1).getAttribute();
            AttributeDefinition subDefinition = SchemaDefinition.subAttribute(definition, sub).orElseThrow(() ->
                    ScimException.invalidPath("'" + op.path() + "' is not an attribute of " + mapping.name() + "s"));
            canonical = canonical.attribute(subDefinition.getName(), op.path().getElement(1).getValueFilter());
        }
        for (int i = 2; i < op.path().size(); i++) {
            canonical = canonical.attribute(op.path().getElement(i).getAttribute(), op.path().getElement(i).getValueFilter());
        }
        return new PatchOp(op.type(), canonical, op.value());
    }

    /**
     * A value filter compares sub-attributes of the attribute it selects from; one the schema does not define
     * is invalidPath (RFC 7644 §3.5.2), not a filter that happens to match no value.
     */
    private void requireSubAttributes(Filter filter, AttributeDefinition definition, PatchOp op) {
        if (definition.getSubAttributes() == null || definition.getSubAttributes().isEmpty()) {
            return;
        }
        if (filter.isCombiningFilter()) {
            filter.getCombinedFilters().forEach(f -> requireSubAttributes(f, definition, op));
        } else if (filter.isNotFilter()) {
            requireSubAttributes(filter.getInvertedFilter(), definition, op);
        } else if (filter.getAttributePath() != null) {
            Path compared = filter.getAttributePath();
            String name = compared.size() == 0 ? "" : compared.getElement(0).getAttribute();
            if (compared.getSchemaUrn() != null || SchemaDefinition.subAttribute(definition, name).isEmpty()) {
                throw ScimException.invalidPath("'" + op.path() + "' filters on " + compared + ", which is not a"
                        + " sub-attribute of " + definition.getName());
            }
        }
    }

    private static boolean setsActiveTrue(PatchOp op) {
        return op.type() != PatchOpType.REMOVE && op.schemaUrn() == null
                && "active".equalsIgnoreCase(op.attribute()) && Deprovisioning.saysTrue(op.value());
    }
}
