package org.ldapscim.bridge.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.ldapscim.bridge.mapping.AttributeMapper;
import org.ldapscim.bridge.mapping.PasswordMapper;
import org.ldapscim.bridge.mapping.ResourceMapping;

/**
 * The journal's account of a change, per LDAP attribute: {@code {"before": [...], "after": [...]}} for
 * replaced values, {@code {"added": [...], "removed": [...]}} for value-level member changes. Secret
 * attributes are recorded as changed, never with their values.
 */
final class ChangeRecord {
    /** What a secret attribute's values are recorded as. */
    static final String SECRET_CHANGED = "<secret changed>";
    private final ObjectNode changes = JsonNodeFactory.instance.objectNode();
    private final Set<String> secretAttributes;

    ChangeRecord(Set<String> secretAttributes) {
        this.secretAttributes = secretAttributes;
    }

    /** The attributes whose values a record of this mapping's entries leaves out, in lower case. */
    static Set<String> secretAttributesOf(ResourceMapping mapping) {
        Set<String> secrets = new HashSet<>(Set.of("userpassword", "unicodepwd"));
        for (AttributeMapper mapper : mapping.mappers()) {
            if (mapper instanceof PasswordMapper password) {
                secrets.add(password.ldapAttribute().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(secrets);
    }

    ObjectNode json() {
        return changes;
    }

    static ChangeRecord ofCreated(Entry entry, Set<String> secretAttributes) {
        ChangeRecord record = new ChangeRecord(secretAttributes);
        for (Attribute attribute : entry.getAttributes()) {
            ObjectNode change = record.changes.putObject(attribute.getName());
            change.putArray("before");
            record.values(change.putArray("after"), attribute.getName(), attribute.getValues());
        }
        return record;
    }

    static ChangeRecord ofDeleted(Entry entry, Set<String> secretAttributes) {
        ChangeRecord record = new ChangeRecord(secretAttributes);
        for (Attribute attribute : entry.getAttributes()) {
            ObjectNode change = record.changes.putObject(attribute.getName());
            record.values(change.putArray("before"), attribute.getName(), attribute.getValues());
            change.putArray("after");
        }
        return record;
    }

    /**
     * The attributes as the directory shows them after a change made elsewhere, which tells no earlier values:
     * each has only {@code after}.
     */
    static ChangeRecord ofSeen(Entry after, Iterable<String> attributes, Set<String> secretAttributes) {
        ChangeRecord record = new ChangeRecord(secretAttributes);
        for (String name : attributes) {
            Attribute attribute = after.getAttribute(name);
            ObjectNode change = record.changes.putObject(attribute == null ? name : attribute.getName());
            record.values(change.putArray("after"), name, attribute == null ? new String[0] : attribute.getValues());
        }
        return record;
    }

    static ChangeRecord ofModifications(Entry before, Iterable<Modification> modifications, Set<String> secretAttributes) {
        ChangeRecord record = new ChangeRecord(secretAttributes);
        for (Modification modification : modifications) {
            record.take(before, modification);
        }
        return record;
    }

    /** Adds one more modification of the entry that was {@code before} to the account. */
    void take(Entry before, Modification modification) {
        String name = modification.getAttributeName();
        ObjectNode change = changes.has(name) ? (ObjectNode) changes.get(name) : changes.putObject(name);
        if (modification.getModificationType() == ModificationType.REPLACE) {
            Attribute old = before == null ? null : before.getAttribute(name);
            values(change.putArray("before"), name, old == null ? new String[0] : old.getValues());
            values(change.putArray("after"), name, modification.getValues());
        } else {
            String key = modification.getModificationType() == ModificationType.ADD ? "added" : "removed";
            ArrayNode list = change.has(key) ? (ArrayNode) change.get(key) : change.putArray(key);
            values(list, name, modification.getValues());
        }
    }

    /** Groups that lost their last member with a deleted entry and got the placeholder back. */
    void placeholdersAdded(java.util.List<String> groupDns) {
        if (!groupDns.isEmpty()) {
            ArrayNode groups = changes.putArray("placeholderAddedTo");
            groupDns.forEach(groups::add);
        }
    }

    void renamed(String fromDn, String toDn) {
        ObjectNode change = changes.putObject("dn");
        change.putArray("before").add(fromDn);
        change.putArray("after").add(toDn);
    }

    private void values(ArrayNode into, String attribute, String[] values) {
        if (secretAttributes.contains(attribute.toLowerCase(Locale.ROOT))) {
            if (values.length > 0) {
                into.add(SECRET_CHANGED);
            }
            return;
        }
        for (String value : values) {
            into.add(value);
        }
    }
}
