package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Modification;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.MappedPath;
import org.ldapscim.bridge.mapping.ResourceMapping;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The attributes of one type a client may write ({@code writableAttributes}). Judged on what a request would
 * change in the directory, not on what it sends: a PUT that resends an attribute unchanged passes, one that
 * changes it or leaves it out (which removes it) is refused. LDAP attributes no SCIM attribute writes (a naming
 * attribute filled from a template, a create default) follow the attributes they are made of.
 */
final class WritableAttributes {
    private final ResourceMapping mapping;
    private final Set<MappedPath> allowed;

    /** @param allowed the paths the client may change; null for every writable attribute */
    WritableAttributes(ResourceMapping mapping, Set<MappedPath> allowed) {
        this.mapping = mapping;
        this.allowed = allowed;
    }

    /** A POST: 403 when the body gives a value to an attribute the client may not write. */
    void requireCreatable(JsonNode body) {
        if (allowed == null) {
            return;
        }
        for (AttributeMapper mapper : mapping.mappers()) {
            if (ResourceMapping.isWritable(mapper) && !allows(mapper)
                    && !org.ldapscim.bridge.mapping.ScimDocument.values(body, mapper.path(),
                    mapping.coreSchema().urn(), mapper.primary()).isEmpty()) {
                throw refused(mapper);
            }
        }
    }

    /** A PUT or PATCH: 403 when its modifications or rename change an attribute the client may not write. */
    void requireChangeable(EntryChanges changes, List<Modification> memberChanges) {
        if (allowed == null) {
            return;
        }
        Set<String> changed = new LinkedHashSet<>();
        changes.modifications.forEach(m -> changed.add(m.getAttributeName()));
        memberChanges.forEach(m -> changed.add(m.getAttributeName()));
        if (changes.newRdn != null) {
            changed.addAll(List.of(changes.newRdn.getAttributeNames()));
        }
        for (String attribute : changed) {
            for (AttributeMapper mapper : mapping.mappers()) {
                if (ResourceMapping.isWritable(mapper) && mapper.writtenAttribute().equalsIgnoreCase(attribute)
                        && !allows(mapper)) {
                    throw refused(mapper);
                }
            }
        }
    }

    private boolean allows(AttributeMapper mapper) {
        MappedPath path = mapper.path();
        return allowed.stream().anyMatch(granted -> granted.schemaUrn().equalsIgnoreCase(path.schemaUrn())
                && granted.attribute().equalsIgnoreCase(path.attribute())
                && (granted.type() == null || granted.type().equalsIgnoreCase(path.type()))
                && (granted.subAttribute() == null || granted.subAttribute().equalsIgnoreCase(path.subAttribute())));
    }

    private ScimException refused(AttributeMapper mapper) {
        String urn = mapper.path().schemaUrn();
        String named = urn.equalsIgnoreCase(mapping.coreSchema().urn()) ? mapper.path().toString()
                : urn + ":" + mapper.path();
        return ScimException.forbidden("this client may not change " + named + " of " + mapping.name() + "s");
    }
}
