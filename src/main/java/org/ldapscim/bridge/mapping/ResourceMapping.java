package org.ldapscim.bridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;

/**
 * One SCIM resource type as it lives in the directory, compiled from its mapping file: where its entries
 * are, how a SCIM resource becomes an entry and back, and how it is named. Immutable and thread-safe.
 */
public final class ResourceMapping {
    private final String name;
    private final SchemaDefinition coreSchema;
    private final List<SchemaDefinition> extensions;
    private final List<DN> baseDns;
    private final Filter searchFilter;
    private final List<String> objectClasses;
    private final RdnTemplate rdn;
    private final DN parent;
    private final Map<String, ValueTemplate> createDefaults;
    private final IdCodec id;
    private final MetaAttributes meta;
    private final List<AttributeMapper> mappers;
    private final DN placeholderMember;
    private final List<DerivedName> derivedNames;
    private final PlacementRule placement;
    private final DeprovisionPolicies deprovision;

    /** Where {@code meta.created}, {@code meta.lastModified} and {@code meta.version} come from. */
    public record MetaAttributes(String created, String lastModified, List<String> version) {
    }

    ResourceMapping(String name, SchemaDefinition coreSchema, List<SchemaDefinition> extensions, List<DN> baseDns,
                    Filter searchFilter, List<String> objectClasses, RdnTemplate rdn, DN parent,
                    Map<String, ValueTemplate> createDefaults, IdCodec id, MetaAttributes meta,
                    List<AttributeMapper> mappers, DN placeholderMember, List<DerivedName> derivedNames,
                    PlacementRule placement, DeprovisionPolicies deprovision) {
        this.name = name;
        this.coreSchema = coreSchema;
        this.extensions = List.copyOf(extensions);
        this.baseDns = List.copyOf(baseDns);
        this.searchFilter = searchFilter;
        this.objectClasses = List.copyOf(objectClasses);
        this.rdn = rdn;
        this.parent = parent;
        this.createDefaults = Map.copyOf(createDefaults);
        this.id = id;
        this.meta = meta;
        this.mappers = List.copyOf(mappers);
        this.placeholderMember = placeholderMember;
        this.derivedNames = List.copyOf(derivedNames);
        this.placement = placement;
        this.deprovision = deprovision;
    }

    /**
     * This type as a client confined to {@code bases} sees it: every search, lookup, reference and placement of
     * the copy stays within them, exactly as the mapping's own base DNs keep out what lies outside them. New
     * entries go under the default parent when it lies within {@code bases}, else under the first of them; with
     * no bases the copy holds nothing. Each base must lie within one of this mapping's base DNs.
     */
    public ResourceMapping narrowedTo(List<DN> bases) {
        for (DN base : bases) {
            if (!holds(base)) {
                throw new IllegalArgumentException(base + " is not within the base DNs of " + name + "s");
            }
        }
        boolean parentInside = bases.stream().anyMatch(base -> parent.isDescendantOf(base, true));
        DN narrowedParent = parentInside || bases.isEmpty() ? parent : bases.get(0);
        return new ResourceMapping(name, coreSchema, extensions, bases, searchFilter, objectClasses, rdn,
                narrowedParent, createDefaults, id, meta, mappers, placeholderMember, derivedNames, placement,
                deprovision);
    }

    /** What DELETE and {@code active=false} do beyond deleting and flipping; {@link DeprovisionPolicies#NONE} if nothing. */
    public DeprovisionPolicies deprovision() {
        return deprovision;
    }

    public String name() {
        return name;
    }

    /** The endpoint path, e.g. {@code /Users}. */
    public String endpoint() {
        return "/" + name + "s";
    }

    public SchemaDefinition coreSchema() {
        return coreSchema;
    }

    public List<SchemaDefinition> extensions() {
        return extensions;
    }

    public List<DN> baseDns() {
        return baseDns;
    }

    public Filter searchFilter() {
        return searchFilter;
    }

    public List<String> objectClasses() {
        return objectClasses;
    }

    public IdCodec id() {
        return id;
    }

    public MetaAttributes meta() {
        return meta;
    }

    public List<AttributeMapper> mappers() {
        return mappers;
    }

    public RdnTemplate rdn() {
        return rdn;
    }

    /** The default parent of new entries, {@code create.parent}. */
    public DN parent() {
        return parent;
    }

    /** The names made once, on create, by {@code create.derived}. */
    public List<DerivedName> derivedNames() {
        return derivedNames;
    }

    /**
     * The parents the placement rule would put this resource under, best first; the caller takes the first
     * that exists, else {@link #parent()}. Empty without a rule.
     */
    public List<DN> placementsFor(JsonNode resource) {
        return placement == null ? List.of() : placement.parentsFor(firstText(resource, placement.by()));
    }

    /** The LDAP attributes that {@code create.defaults} writes. */
    public Set<String> createDefaultAttributes() {
        return createDefaults.keySet();
    }

    /** The DN a group holds as its only member while SCIM sees it empty, or null. */
    public DN placeholderMember() {
        return placeholderMember;
    }

    /** The mappers of one attribute of one schema, in configuration order. */
    public List<AttributeMapper> mappersOf(String schemaUrn, String attribute) {
        return mappers.stream().filter(m -> m.path().hasAttribute(schemaUrn, attribute)).toList();
    }

    /** Whether this entry is of this resource type: under a base DN (its objectClass is the search's job). */
    public boolean holds(DN dn) {
        return baseDns.stream().anyMatch(base -> dn.isDescendantOf(base, true));
    }

    /**
     * The LDAP attributes whose first present value names a resource of this type in {@code display}:
     * that of {@code displayName}, then that of {@code userName}.
     */
    public List<String> displayAttributes() {
        List<String> attributes = new ArrayList<>();
        for (String candidate : List.of("displayName", "userName")) {
            for (AttributeMapper mapper : mappersOf(coreSchema.urn(), candidate)) {
                if (mapper instanceof ScalarMapper scalar && scalar.path().subAttribute() == null) {
                    attributes.add(scalar.ldapAttribute());
                }
            }
        }
        return attributes;
    }

    /** The name to show for an entry of this type in references, or null. */
    public String display(Entry entry) {
        for (String attribute : displayAttributes()) {
            String value = entry.getAttributeValue(attribute);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The LDAP attributes to request to show the chosen mappers. */
    public Set<String> ldapAttributes(Predicate<AttributeMapper> chosen) {
        Set<String> attributes = new LinkedHashSet<>();
        attributes.add(id.attribute());
        attributes.add(meta.created());
        attributes.add(meta.lastModified());
        attributes.addAll(meta.version());
        for (AttributeMapper mapper : mappers) {
            if (chosen.test(mapper)) {
                attributes.addAll(mapper.readAttributes());
            }
        }
        return attributes;
    }

    /** The SCIM resource for an entry, with {@code id} and {@code meta}, showing the chosen mappers. */
    public ObjectNode toScim(Entry entry, Predicate<AttributeMapper> chosen, ReferenceResolver references) {
        ObjectNode resource = ScimDocument.newResource(coreSchema.urn());
        String resourceId = id.read(entry);
        resource.put("id", resourceId);
        for (AttributeMapper mapper : mappers) {
            if (mapper.readable() && chosen.test(mapper)) {
                ScimDocument.put(resource, mapper, mapper.read(entry, references), coreSchema.urn());
            }
        }
        for (SchemaDefinition extension : extensions) {
            if (resource.has(extension.urn())) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) resource.get("schemas")).add(extension.urn());
            }
        }
        ObjectNode metaNode = resource.putObject("meta");
        metaNode.put("resourceType", name);
        putTime(metaNode, "created", entry.getAttributeValue(meta.created()));
        putTime(metaNode, "lastModified", entry.getAttributeValue(meta.lastModified()));
        metaNode.put("location", references.location(name, resourceId));
        metaNode.put("version", version(entry));
        return resource;
    }

    private static void putTime(ObjectNode metaNode, String field, String generalizedTime) {
        Instant instant = generalizedTime == null ? null : GeneralizedTimeCodec.parseLdap(generalizedTime);
        if (instant != null) {
            metaNode.put(field, instant.toString());
        }
    }

    /** A weak ETag (RFC 7232 §2.3) over the attributes that change whenever the entry does. */
    public String version(Entry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(entry.getDN().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String attribute : meta.version()) {
                byte[][] values = entry.getAttributeValueByteArrays(attribute);
                if (values != null) {
                    for (byte[] value : values) {
                        digest.update((byte) 0);
                        digest.update(value);
                    }
                }
            }
            return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A filter that the entry matches while it still has the {@link #version} it has now: it pins every value
     * of the version attributes, and their absence where they have none. Sent with a write as an LDAP
     * assertion, it makes an If-Match check and the write one atomic step.
     */
    public Filter versionAssertion(Entry entry) {
        List<Filter> pins = new ArrayList<>();
        for (String attribute : meta.version()) {
            byte[][] values = entry.getAttributeValueByteArrays(attribute);
            if (values == null || values.length == 0) {
                pins.add(Filter.createNOTFilter(Filter.createPresenceFilter(attribute)));
                continue;
            }
            for (byte[] value : values) {
                pins.add(Filter.createEqualityFilter(attribute, value));
            }
        }
        return Filter.createANDFilter(pins);
    }

    /**
     * The LDAP attributes, by name, as they must be for the entry to hold the writable SCIM values of
     * {@code resource}; attributes a mapper leaves alone are absent.
     */
    public Map<String, Attribute> desiredAttributes(JsonNode resource, Entry current, ReferenceResolver references) {
        Map<String, Attribute> desired = new LinkedHashMap<>();
        for (AttributeMapper mapper : mappers) {
            String ldapName = mapper.writtenAttribute();
            if (ldapName == null || !isWritable(mapper)) {
                continue;
            }
            List<JsonNode> values = ScimDocument.values(resource, mapper.path(), coreSchema.urn(), mapper.primary());
            if (!mapper.definition().isMultiValued()
                    && (values.size() > 1 || ScimDocument.isList(resource, mapper.path(), coreSchema.urn()))) {
                throw ScimException.invalidValue(mapper.path() + " takes one value, not a list");
            }
            Attribute attribute = mapper.write(values, current, references);
            if (attribute != null) {
                desired.merge(ldapName.toLowerCase(java.util.Locale.ROOT), attribute, ResourceMapping::union);
                if (mapper instanceof PasswordMapper password && attribute.hasValue() && password.companion() != null) {
                    desired.put(password.companion().getBaseName().toLowerCase(java.util.Locale.ROOT),
                            password.companion());
                }
            }
        }
        for (int i = 0; i < rdn.attributeNames().size(); i++) {
            // A naming attribute no mapping writes (AD's CN from displayName) follows its template, so that a
            // change of the values it is made of renames the entry.
            String key = rdn.attributeNames().get(i).toLowerCase(java.util.Locale.ROOT);
            String value = rdn.value(i, path -> firstText(resource, path));
            if (!desired.containsKey(key) && value != null) {
                desired.put(key, new Attribute(rdn.attributeNames().get(i), value));
            }
        }
        for (Map.Entry<String, ValueTemplate> fallback : createDefaults.entrySet()) {
            // An attribute the object class requires falls back to its default rather than being removed.
            String key = fallback.getKey().toLowerCase(java.util.Locale.ROOT);
            Attribute wanted = desired.get(key);
            if (wanted != null && !wanted.hasValue()) {
                String value = fallback.getValue().render(path -> firstText(resource, path));
                if (value != null) {
                    desired.put(key, new Attribute(wanted.getName(), value));
                }
            }
        }
        if (placeholderMember != null) {
            for (AttributeMapper members : mappersOf(coreSchema.urn(), "members")) {
                desired.computeIfPresent(members.writtenAttribute().toLowerCase(java.util.Locale.ROOT),
                        (key, values) -> values.hasValue() ? values
                                : new Attribute(values.getName(), placeholderMember.toString()));
            }
        }
        return desired;
    }

    private static Attribute union(Attribute first, Attribute second) {
        Set<String> values = new LinkedHashSet<>(List.of(first.getValues()));
        values.addAll(List.of(second.getValues()));
        return new Attribute(first.getName(), values);
    }

    /** Whether SCIM may write this mapper's attribute (RFC 7643 §2.2 mutability). */
    public static boolean isWritable(AttributeMapper mapper) {
        var mutability = mapper.definition().getMutability();
        return mapper.writtenAttribute() != null
                && mutability != com.unboundid.scim2.common.types.AttributeDefinition.Mutability.READ_ONLY;
    }

    /** The entry a POST creates under the default parent, with no derived names. */
    public Entry newEntry(JsonNode resource, ReferenceResolver references) {
        return newEntry(resource, parent, Map.of(), references);
    }

    /**
     * The entry a POST creates under {@code under}: its DN from the RDN template, object classes, mapped values,
     * defaults and the {@code derived} names chosen for it.
     */
    public Entry newEntry(JsonNode resource, DN under, Map<String, String> derived, ReferenceResolver references) {
        DN dn = rdn.render(under, path -> firstText(resource, path));
        Entry entry = new Entry(dn);
        entry.addAttribute("objectClass", objectClasses.toArray(String[]::new));
        for (Attribute attribute : desiredAttributes(resource, null, references).values()) {
            if (attribute.hasValue()) {
                entry.addAttribute(attribute);
            }
        }
        derived.forEach(entry::addAttribute);
        for (Map.Entry<String, ValueTemplate> fallback : createDefaults.entrySet()) {
            if (!entry.hasAttribute(fallback.getKey())) {
                String value = fallback.getValue().render(path -> firstText(resource, path));
                if (value != null) {
                    entry.addAttribute(fallback.getKey(), value);
                }
            }
        }
        for (int i = 0; i < rdn.attributeNames().size(); i++) {
            String attribute = rdn.attributeNames().get(i);
            String value = dn.getRDN().getAttributeValues()[i];
            if (!entry.hasAttributeValue(attribute, value)) {
                entry.addAttribute(attribute, value);
            }
        }
        return entry;
    }

    /** The first text value at a SCIM path of the resource, for templates; null if there is none. */
    public String firstText(JsonNode resource, String pathText) {
        MappedPath path;
        try {
            path = MappedPath.parse(pathText, coreSchema.urn());
        } catch (IllegalArgumentException e) {
            throw ScimException.internal("bad template path " + pathText, e);
        }
        List<JsonNode> values = ScimDocument.values(resource, path, coreSchema.urn(), true);
        for (JsonNode value : values) {
            if (value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /** Mappers chosen by SCIM attribute paths, for projections and schema generation. */
    public List<AttributeMapper> readableMappers() {
        List<AttributeMapper> readable = new ArrayList<>();
        for (AttributeMapper mapper : mappers) {
            if (mapper.readable()) {
                readable.add(mapper);
            }
        }
        return readable;
    }
}
