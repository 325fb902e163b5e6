package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import org.ldapscim.bridge.config.ResourceMappingConfig.IdFormat;
import org.ldapscim.bridge.ldap.DirectoryClient;
import org.ldapscim.bridge.mapping.DnValue;
import org.ldapscim.bridge.mapping.ReferenceResolver;
import org.ldapscim.bridge.mapping.ResolvedReference;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * Answers the mapping layer's questions about DNs from the directory, through a shared cache.
 * One instance per request (it knows the request's base URL); the cache outlives it.
 */
final class DirectoryReferences implements ReferenceResolver {
    /** Above this many unknown DNs, one search per resource type is cheaper than one read per DN. */
    private static final int BULK_THRESHOLD = 64;
    /** Ids per search when many are looked up at once; keeps filters well under directory size limits. */
    private static final int ID_BATCH = 100;
    /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: a DN attribute compared through every level of nesting. */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    private final List<ResourceMapping> mappings;
    private final DirectoryClient directory;
    private final ReferenceCache cache;
    private final String baseUrl;

    DirectoryReferences(List<ResourceMapping> mappings, DirectoryClient directory, ReferenceCache cache, String baseUrl) {
        this.mappings = mappings;
        this.directory = directory;
        this.cache = cache;
        this.baseUrl = baseUrl;
    }

    @Override
    public Map<DN, ResolvedReference> resolve(Collection<DN> dns) {
        Map<DN, ResolvedReference> resolved = new HashMap<>();
        List<DN> unknown = new ArrayList<>();
        for (DN dn : dns) {
            ResolvedReference cached = cached(dn);
            if (cached != null) {
                resolved.put(dn, cached);
            } else {
                unknown.add(dn);
            }
        }
        if (unknown.size() > BULK_THRESHOLD) {
            Map<DN, ResolvedReference> all = loadAll(unknown);
            List<DN> stillUnknown = new ArrayList<>();
            for (DN dn : unknown) {
                ResolvedReference loaded = all.get(dn);
                if (loaded != null) {
                    resolved.put(dn, loaded);
                } else {
                    stillUnknown.add(dn);
                }
            }
            unknown = stillUnknown;
        }
        for (DN dn : unknown) {
            ResolvedReference one = readOne(dn);
            if (one != null) {
                resolved.put(dn, one);
            }
        }
        return resolved;
    }

    /**
     * Values in AD's extended form name their target's objectGUID, so unknown targets are found by id, a hundred
     * to a search, rather than read one by one or all loaded from their base.
     */
    @Override
    public Map<DN, ResolvedReference> resolveValues(List<DnValue> values, List<String> targetTypes) {
        List<String> byGuid = mappings.stream().filter(m -> m.id().format() == IdFormat.objectGUID)
                .map(ResourceMapping::name).filter(targetTypes::contains).toList();
        Map<DN, ResolvedReference> resolved = new HashMap<>();
        Map<String, DN> unknownByGuid = new LinkedHashMap<>();
        List<DN> rest = new ArrayList<>();
        for (DnValue value : values) {
            ResolvedReference cached = cached(value.dn());
            if (cached != null) {
                resolved.put(value.dn(), cached);
            } else if (value.guid() != null && !byGuid.isEmpty()) {
                unknownByGuid.put(value.guid(), value.dn());
            } else {
                rest.add(value.dn());
            }
        }
        Map<String, ResolvedReference> found = unknownByGuid.isEmpty() ? Map.of()
                : byIds(unknownByGuid.keySet(), byGuid);
        unknownByGuid.forEach((guid, dn) -> {
            ResolvedReference reference = found.get(guid);
            if (reference != null) {
                resolved.put(dn, reference);
            } else if (mappings.stream().anyMatch(m -> m.id().format() != IdFormat.objectGUID && m.holds(dn))) {
                rest.add(dn);
            }
        });
        if (!rest.isEmpty()) {
            resolved.putAll(resolve(rest));
        }
        return resolved;
    }

    /**
     * What the shared cache knows of a DN, if that DN lies within these mappings' base DNs: every client's
     * lookups fill the cache, and a client of narrower scope must not see through it what lies outside its own.
     */
    private ResolvedReference cached(DN dn) {
        ResolvedReference cached = cache.get(dn);
        if (cached == null) {
            return null;
        }
        return mappings.stream().anyMatch(m -> m.name().equals(cached.resourceType()) && m.holds(dn)) ? cached : null;
    }

    /** Whether a DN lies within the base DNs of a mapping of one of the target types. */
    boolean reaches(DN dn, List<String> targetTypes) {
        return mappings.stream().anyMatch(m -> targetTypes.contains(m.name()) && m.holds(dn));
    }

    /**
     * Every entry of the mappings' bases that hold one of {@code unknown}, remembered, and answered by DN: not
     * looked up in the cache again, which a directory larger than the cache would have overflowed by then.
     */
    private Map<DN, ResolvedReference> loadAll(List<DN> unknown) {
        Map<DN, ResolvedReference> loaded = new HashMap<>();
        for (ResourceMapping mapping : mappings) {
            Set<DN> bases = new LinkedHashSet<>();
            for (DN dn : unknown) {
                for (DN base : mapping.baseDns()) {
                    if (dn.isDescendantOf(base, false)) {
                        bases.add(base);
                    }
                }
            }
            for (DN base : bases) {
                for (SearchResultEntry entry : directory.search(base, mapping.searchFilter(), 0, attributes(mapping))) {
                    ResolvedReference reference = remember(mapping, entry);
                    if (reference != null) {
                        loaded.put(reference.dn(), reference);
                    }
                }
            }
        }
        return loaded;
    }

    private ResolvedReference readOne(DN dn) {
        for (ResourceMapping mapping : mappings) {
            if (!mapping.holds(dn)) {
                continue;
            }
            Entry entry = directory.read(dn, withObjectClass(attributes(mapping)));
            if (entry != null && matches(mapping, entry)) {
                return remember(mapping, entry);
            }
        }
        return null;
    }

    private static boolean matches(ResourceMapping mapping, Entry entry) {
        try {
            return mapping.searchFilter().matchesEntry(entry);
        } catch (LDAPException e) {
            // A filter the client-side matcher cannot evaluate (extensible match): trust the base DN.
            return true;
        }
    }

    private ResolvedReference remember(ResourceMapping mapping, Entry entry) {
        String id = mapping.id().read(entry);
        if (id == null) {
            return null;
        }
        String display = mapping.display(entry);
        try {
            ResolvedReference reference = new ResolvedReference(entry.getParsedDN(), mapping.name(), id, display);
            cache.put(reference);
            return reference;
        } catch (LDAPException e) {
            return null;
        }
    }

    private static String[] attributes(ResourceMapping mapping) {
        List<String> attributes = new ArrayList<>();
        attributes.add(mapping.id().attribute());
        attributes.addAll(mapping.displayAttributes());
        return attributes.toArray(String[]::new);
    }

    private static String[] withObjectClass(String[] attributes) {
        String[] all = java.util.Arrays.copyOf(attributes, attributes.length + 1);
        all[attributes.length] = "objectClass";
        return all;
    }

    @Override
    public Map<String, ResolvedReference> byIds(Collection<String> ids, List<String> targetTypes) {
        Map<String, ResolvedReference> found = new HashMap<>();
        for (ResourceMapping mapping : mappings) {
            if (!targetTypes.contains(mapping.name())) {
                continue;
            }
            List<String> wanted = ids.stream().distinct().filter(id -> !found.containsKey(id)).toList();
            for (int from = 0; from < wanted.size(); from += ID_BATCH) {
                findBatch(mapping, wanted.subList(from, Math.min(from + ID_BATCH, wanted.size())), found);
            }
        }
        return found;
    }

    /** One search for many ids: a group of thousands of members is written with a few searches, not thousands. */
    private void findBatch(ResourceMapping mapping, List<String> ids, Map<String, ResolvedReference> found) {
        List<Filter> idFilters = new ArrayList<>();
        for (String id : ids) {
            Filter filter = mapping.id().filterFor(id);
            if (filter != null) {
                idFilters.add(filter);
            }
        }
        if (idFilters.isEmpty()) {
            return;
        }
        // The id comparison goes first: some directories index only the first component of an AND.
        Filter filter = Filter.createANDFilter(Filter.createORFilter(idFilters), mapping.searchFilter());
        for (DN base : mapping.baseDns()) {
            for (SearchResultEntry entry : directory.search(base, filter, 0, attributes(mapping))) {
                ResolvedReference reference = remember(mapping, entry);
                if (reference != null && ids.contains(reference.id())) {
                    found.put(reference.id(), reference);
                }
            }
        }
    }

    @Override
    public Map<String, ResolvedReference> byAttribute(Collection<String> values, String attribute,
                                                      List<String> targetTypes) {
        Map<String, ResolvedReference> found = new HashMap<>();
        List<String> wanted = values.stream().distinct().toList();
        for (ResourceMapping mapping : mappings) {
            if (!targetTypes.contains(mapping.name())) {
                continue;
            }
            for (int from = 0; from < wanted.size(); from += ID_BATCH) {
                List<String> batch = wanted.subList(from, Math.min(from + ID_BATCH, wanted.size()));
                Filter filter = Filter.createANDFilter(Filter.createORFilter(batch.stream()
                        .map(value -> Filter.createEqualityFilter(attribute, value)).toList()), mapping.searchFilter());
                String[] attributes = java.util.stream.Stream.concat(java.util.Arrays.stream(attributes(mapping)),
                        java.util.stream.Stream.of(attribute)).toArray(String[]::new);
                for (DN base : mapping.baseDns()) {
                    for (SearchResultEntry entry : directory.search(base, filter, 0, attributes)) {
                        ResolvedReference reference = remember(mapping, entry);
                        String[] held = entry.getAttributeValues(attribute);
                        if (reference == null || held == null) {
                            continue;
                        }
                        // The directory matched by the attribute's equality rule, which may ignore case.
                        for (String value : batch) {
                            for (String one : held) {
                                if (one.equalsIgnoreCase(value)) {
                                    found.putIfAbsent(value, reference);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Override
    public String valueOf(ResolvedReference target, String attribute) {
        Entry entry = directory.read(target.dn(), attribute);
        return entry == null ? null : entry.getAttributeValue(attribute);
    }

    @Override
    public List<ResolvedReference> holdersOf(String member, String targetType, String memberAttribute) {
        return holders(List.of(targetType), Filter.createEqualityFilter(memberAttribute, member));
    }

    @Override
    public List<ResolvedReference> nestedHoldersOf(DN member, List<String> targetTypes, String memberAttribute) {
        return holders(targetTypes, Filter.createExtensibleMatchFilter(memberAttribute, IN_CHAIN, false,
                member.toString()));
    }

    private List<ResolvedReference> holders(List<String> targetTypes, Filter holding) {
        List<ResolvedReference> holders = new ArrayList<>();
        for (ResourceMapping mapping : mappings) {
            if (!targetTypes.contains(mapping.name())) {
                continue;
            }
            Filter filter = Filter.createANDFilter(holding, mapping.searchFilter());
            for (DN base : mapping.baseDns()) {
                for (SearchResultEntry entry : directory.search(base, filter, 0, attributes(mapping))) {
                    ResolvedReference reference = remember(mapping, entry);
                    if (reference != null) {
                        holders.add(reference);
                    }
                }
            }
        }
        return holders;
    }

    @Override
    public String location(String resourceType, String id) {
        return baseUrl + "/" + resourceType + "s/" + id;
    }
}
