package org.ldapscim.bridge.service;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import org.ldapscim.bridge.mapping.EscapedRdn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ldapscim.bridge.scim.ScimException;

/**
 * The LDAP modifications that take an entry to the wanted attribute values, and the new RDN when a value
 * that names the entry changes.
 */
final class EntryChanges {
    final List<Modification> modifications;
    final RDN newRdn;

    private EntryChanges(List<Modification> modifications, RDN newRdn) {
        this.modifications = modifications;
        this.newRdn = newRdn;
    }

    static EntryChanges between(Entry current, Map<String, Attribute> desired) {
        RDN newRdn = renamed(current, desired);
        RDN naming = newRdn != null ? newRdn : rdnOf(current);
        List<Modification> modifications = new ArrayList<>();
        for (Attribute wanted : desired.values()) {
            Attribute existing = current.getAttribute(wanted.getName());
            if (!sameValues(existing, wanted) && !onlyTheNamingValue(naming, wanted)) {
                modifications.add(new Modification(ModificationType.REPLACE, wanted.getName(), wanted.getValueByteArrays()));
            }
        }
        return new EntryChanges(modifications, newRdn);
    }

    /**
     * Whether the wanted values are just the one the entry is (or is renamed to) named by: the modify-DN sets it,
     * and Active Directory refuses a modify of its naming attribute (notAllowedOnRDN) even to the same value.
     */
    private static boolean onlyTheNamingValue(RDN naming, Attribute wanted) {
        String[] names = naming.getAttributeNames();
        String[] values = naming.getAttributeValues();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(wanted.getName())) {
                return wanted.size() == 1 && values[i].equals(wanted.getValue());
            }
        }
        return false;
    }

    private static RDN rdnOf(Entry current) {
        try {
            return current.getParsedDN().getRDN();
        } catch (LDAPException e) {
            throw ScimException.internal("entry with an invalid DN", e);
        }
    }

    /** A new RDN when a wanted value set no longer holds the value that names the entry. */
    private static RDN renamed(Entry current, Map<String, Attribute> desired) {
        RDN rdn;
        try {
            rdn = current.getParsedDN().getRDN();
        } catch (LDAPException e) {
            throw ScimException.internal("entry with an invalid DN", e);
        }
        String[] names = rdn.getAttributeNames();
        String[] values = rdn.getAttributeValues();
        boolean changed = false;
        for (int i = 0; i < names.length; i++) {
            Attribute wanted = desired.get(names[i].toLowerCase(java.util.Locale.ROOT));
            // Exact comparison: a change of case alone is a rename too, not a modify AD would refuse.
            if (wanted == null || List.of(wanted.getValues()).contains(values[i])) {
                continue;
            }
            if (!wanted.hasValue()) {
                throw ScimException.invalidValue("the value that names the entry (" + names[i] + ") cannot be removed");
            }
            values[i] = wanted.getValue();
            changed = true;
        }
        return changed ? EscapedRdn.of(names, values) : null;
    }

    /** These changes without those of one attribute: a deprovisioning step writes it instead. */
    EntryChanges without(String attribute) {
        return new EntryChanges(modifications.stream()
                .filter(m -> !m.getAttributeName().equalsIgnoreCase(attribute)).toList(), newRdn);
    }

    boolean isEmpty() {
        return modifications.isEmpty() && newRdn == null;
    }

    /** The DN after the rename, if any. */
    DN dnAfter(DN current) {
        return newRdn == null ? current : EscapedRdn.under(newRdn, current.getParent());
    }

    private static boolean sameValues(Attribute existing, Attribute wanted) {
        if (existing == null || !existing.hasValue()) {
            return !wanted.hasValue();
        }
        return bytes(existing).equals(bytes(wanted));
    }

    private static Set<String> bytes(Attribute attribute) {
        Set<String> values = new HashSet<>();
        for (byte[] value : attribute.getValueByteArrays()) {
            values.add(Arrays.toString(value));
        }
        return values;
    }
}
