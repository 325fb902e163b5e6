package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.util.StaticUtils;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of a dry run (see {@link DirectoryClient#withholdingWrites}): kept, in order, as the LDIF change
 * records they would have been sent as, and laid over the directory for the reads that follow them, so that what
 * reads back an entry it just wrote sees the write. The directory itself is only read. One dry run at a time.
 *
 * <p>A changed entry is read from the directory as it is and its withheld changes are applied to it, so its
 * attributes are what a read would return after the writes. What the directory would assign itself on an add is
 * made up: a random {@code entryUUID} ({@code objectGUID} on Active Directory) and the time now as its timestamps.
 */
public final class UnsentWrites {
    private final List<LDIFChangeRecord> records = new ArrayList<>();
    /** Each entry the writes touched, by the DN it has after them. */
    private final Map<DN, Changed> changed = new LinkedHashMap<>();
    /** DNs of directory entries the writes deleted or moved away. */
    private final Set<DN> gone = new HashSet<>();

    /** The writes withheld so far, oldest first. */
    public List<LDIFChangeRecord> records() {
        return List.copyOf(records);
    }

    /** How a withheld entry is read from the directory: {@link DirectoryClient}'s own read, past this overlay. */
    @FunctionalInterface
    interface Source {
        Entry read(DN dn, String... attributes);
    }

    /**
     * An entry the writes touched: the directory's entry at {@code origin} (null for one they added, then
     * {@code added}) with the modifications and renames since, oldest first.
     */
    private record Changed(DN origin, Entry added, List<Object> steps) {
    }

    private record Renamed(String newRdn, String newSuperior) {
    }

    void add(Entry entry, LDIFChangeRecord record, boolean activeDirectory, Source source) throws LDAPException {
        DN dn = entry.getParsedDN();
        if (exists(dn, source)) {
            throw new LDAPException(ResultCode.ENTRY_ALREADY_EXISTS, "an entry " + dn + " exists");
        }
        Entry added = entry.duplicate();
        String now = StaticUtils.encodeGeneralizedTime(new Date());
        if (activeDirectory) {
            added.setAttribute(new Attribute("objectGUID", guid(UUID.randomUUID())));
            added.setAttribute("whenCreated", now);
            added.setAttribute("whenChanged", now);
        } else {
            added.setAttribute("entryUUID", UUID.randomUUID().toString());
            added.setAttribute("createTimestamp", now);
            added.setAttribute("modifyTimestamp", now);
        }
        changed.put(dn, new Changed(null, added, new ArrayList<>()));
        records.add(record);
    }

    /**
     * Records the modify, refused as the directory would refuse it when it takes the last value of an attribute
     * the entry's object classes require ({@code schema}, null: not checked).
     */
    void modify(DN dn, List<Modification> modifications, LDIFChangeRecord record, Schema schema, Source source)
            throws LDAPException {
        Changed entry = touch(dn, source);
        List<Object> steps = new ArrayList<>(entry.steps());
        steps.add(List.copyOf(modifications));
        Changed after = new Changed(entry.origin(), entry.added(), steps);
        if (schema != null) {
            requireObjectClassesHold(dn, after, modifications, schema, source);
        }
        changed.put(dn, after);
        records.add(record);
    }

    DN rename(DN dn, RDN newRdn, DN newParent, LDIFChangeRecord record, Source source) throws LDAPException {
        Changed entry = touch(dn, source);
        DN target = new DN(newRdn + "," + (newParent != null ? newParent : dn.getParent()));
        if (!target.equals(dn) && exists(target, source)) {
            throw new LDAPException(ResultCode.ENTRY_ALREADY_EXISTS, "an entry " + target + " exists");
        }
        List<Object> steps = new ArrayList<>(entry.steps());
        steps.add(new Renamed(newRdn.toString(), newParent == null ? null : newParent.toString()));
        changed.remove(dn);
        if (entry.origin() != null) {
            gone.add(dn);
        }
        changed.put(target, new Changed(entry.origin(), entry.added(), steps));
        records.add(record);
        return target;
    }

    void delete(DN dn, LDIFChangeRecord record, Source source) throws LDAPException {
        touch(dn, source);
        changed.remove(dn);
        gone.add(dn);
        records.add(record);
    }

    /** The entry at {@code dn} as it is after the withheld writes, or null when there is none. */
    Entry read(DN dn, String[] attributes, Source source) throws LDAPException {
        Changed entry = changed.get(dn);
        if (entry != null) {
            return replay(dn, entry, attributes, source);
        }
        return gone.contains(dn) ? null : source.read(dn, attributes);
    }

    /** Whether any withheld write touched {@code dn}, so that the directory's own answer about it is out of date. */
    boolean covers(DN dn) {
        return changed.containsKey(dn) || gone.contains(dn);
    }

    /**
     * A subtree search's results with the withheld writes applied: entries they deleted or moved away are left out,
     * those they changed are read again and kept if they still match, and those they added or moved under
     * {@code base} are added if they match.
     */
    List<SearchResultEntry> search(DN base, Filter filter, int sizeLimit, String[] attributes,
                                   List<SearchResultEntry> found, Schema schema, Source source) throws LDAPException {
        String[] read = withFilterAttributes(attributes, filter);
        List<SearchResultEntry> results = new ArrayList<>();
        for (SearchResultEntry entry : found) {
            if (!covers(entry.getParsedDN())) {
                results.add(entry);
            }
        }
        for (Map.Entry<DN, Changed> entry : changed.entrySet()) {
            if (!entry.getKey().isDescendantOf(base, true)) {
                continue;
            }
            Entry now = replay(entry.getKey(), entry.getValue(), read, source);
            if (now != null && filter.matchesEntry(now, schema)) {
                results.add(new SearchResultEntry(now, new com.unboundid.ldap.sdk.Control[0]));
            }
        }
        return sizeLimit > 0 && results.size() > sizeLimit ? results.subList(0, sizeLimit) : results;
    }

    private static String[] withFilterAttributes(String[] attributes, Filter filter) {
        Set<String> names = new LinkedHashSet<>(List.of(attributes));
        names.remove("1.1");
        names.add("objectClass");
        collect(filter, names);
        return names.toArray(String[]::new);
    }

    static void collect(Filter filter, Set<String> names) {
        if (filter.getAttributeName() != null) {
            names.add(filter.getAttributeName());
        }
        for (Filter component : filter.getComponents()) {
            collect(component, names);
        }
        if (filter.getNOTComponent() != null) {
            collect(filter.getNOTComponent(), names);
        }
    }

    private boolean exists(DN dn, Source source) throws LDAPException {
        return read(dn, new String[] {"1.1"}, source) != null;
    }

    private static byte[] guid(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    /** The withheld state of the entry at {@code dn}, starting it from the directory's entry; noSuchObject if none. */
    private Changed touch(DN dn, Source source) throws LDAPException {
        Changed entry = changed.get(dn);
        if (entry != null) {
            return entry;
        }
        if (gone.contains(dn) || source.read(dn, "1.1") == null) {
            throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "no entry " + dn);
        }
        return new Changed(dn, null, List.of());
    }

    private static Entry replay(DN dn, Changed entry, String[] attributes, Source source) throws LDAPException {
        Entry now = entry.origin() == null ? entry.added().duplicate() : source.read(entry.origin(), attributes);
        if (now == null) {
            return null;
        }
        for (Object step : entry.steps()) {
            if (step instanceof Renamed renamed) {
                now = Entry.applyModifyDN(now, renamed.newRdn(), true, renamed.newSuperior());
            } else {
                @SuppressWarnings("unchecked")
                List<Modification> modifications = (List<Modification>) step;
                now = Entry.applyModifications(now, true, modifications);
                if (entry.origin() != null && now.hasAttribute("modifyTimestamp")) {
                    now.setAttribute("modifyTimestamp", StaticUtils.encodeGeneralizedTime(new Date()));
                }
            }
        }
        now.setDN(dn);
        return now;
    }

    /** objectClassViolation when the modifications leave an attribute an object class of the entry requires empty. */
    private static void requireObjectClassesHold(DN dn, Changed after, List<Modification> modifications, Schema schema,
                                                 Source source) throws LDAPException {
        Set<String> emptied = new LinkedHashSet<>();
        for (Modification modification : modifications) {
            emptied.add(modification.getAttributeName());
        }
        emptied.add("objectClass");
        Entry now = replay(dn, after, emptied.toArray(String[]::new), source);
        if (now == null) {
            return;
        }
        for (String objectClass : now.getObjectClassValues() == null ? new String[0] : now.getObjectClassValues()) {
            ObjectClassDefinition definition = schema.getObjectClass(objectClass);
            if (definition == null) {
                continue;
            }
            for (AttributeTypeDefinition required : definition.getRequiredAttributes(schema, true)) {
                for (String attribute : emptied) {
                    if (required.hasNameOrOID(attribute) && !now.hasAttribute(attribute)) {
                        throw new LDAPException(ResultCode.OBJECT_CLASS_VIOLATION, objectClass + " requires "
                                + attribute + ", and the modify of " + dn + " removes its last value");
                    }
                }
            }
        }
    }
}
