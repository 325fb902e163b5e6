package org.ldapscim.bridge.ldap;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How entries are asked for and what is done to them before anyone else sees them, so every read gets every
 * value. Active Directory returns at most MaxValRange (1,500) values of a multi-valued attribute and names the
 * part it sent {@code member;range=0-1499}; the rest is fetched here, {@code member;range=1500-*} and onwards,
 * until a part ends in {@code *}, and the parts become one plain attribute. With a range size configured the
 * ranges are asked for from the start (Samba answers ranges but never imposes them). With the extended-DN
 * control (AD's 1.2.840.113556.1.4.529, string form) DN values come as {@code <GUID=...>;<SID=...>;dn}; the
 * values are kept so, and the entry's own DN, which Samba also sends so, is made plain. Thread-safe.
 */
final class EntryReads {
    static final String EXTENDED_DN_OID = "1.2.840.113556.1.4.529";
    /** The attributes asked for in ranges when a range size is configured: the ones that hold whole groups. */
    private static final Set<String> RANGED = Set.of("member", "memberof", "uniquemember");

    private final Integer rangeSize;
    private final boolean extendedDns;

    EntryReads(Integer rangeSize, boolean extendedDns) {
        this.rangeSize = rangeSize;
        this.extendedDns = extendedDns;
    }

    boolean extendedDns() {
        return extendedDns;
    }

    /** Whether entries come as the directory sends them: no ranged values to fetch, no extended DNs to strip. */
    boolean plain() {
        return rangeSize == null && !extendedDns;
    }

    /** The attribute list to send: the group-holding ones as their first range when a range size is set. */
    String[] requested(String... attributes) {
        if (rangeSize == null) {
            return attributes;
        }
        String[] requested = attributes.clone();
        for (int i = 0; i < requested.length; i++) {
            if (RANGED.contains(requested[i].toLowerCase(Locale.ROOT))) {
                requested[i] = requested[i] + ";range=0-" + (rangeSize - 1);
            }
        }
        return requested;
    }

    /** The controls that every search carries, besides its own. */
    List<Control> controls() {
        return extendedDns ? List.of(extendedDnControl()) : List.of();
    }

    private static Control extendedDnControl() {
        // ExtendedDNRequestValue ::= SEQUENCE { Flag INTEGER }; 1 asks for the GUID and SID in string form.
        return new Control(EXTENDED_DN_OID, false,
                new ASN1OctetString(new ASN1Sequence(new ASN1Integer(1)).encode()));
    }

    /** The entries with every value of each ranged attribute and plain DNs, fetched over {@code connection}. */
    List<SearchResultEntry> complete(LDAPInterface connection, DirectoryObserver observer,
                                     List<SearchResultEntry> entries) throws LDAPException {
        List<SearchResultEntry> completed = new ArrayList<>(entries.size());
        for (SearchResultEntry entry : entries) {
            completed.add(complete(connection, observer, entry));
        }
        return completed;
    }

    SearchResultEntry complete(LDAPInterface connection, DirectoryObserver observer, SearchResultEntry entry)
            throws LDAPException {
        String dn = plainDn(entry.getDN());
        boolean ranged = entry.getAttributes().stream().anyMatch(a -> range(a) != null);
        if (!ranged && dn.equals(entry.getDN())) {
            return entry;
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (Attribute attribute : entry.getAttributes()) {
            Range range = range(attribute);
            Attribute whole = range == null ? attribute : fetchRest(connection, observer, dn, attribute, range);
            attributes.merge(whole.getName().toLowerCase(Locale.ROOT), whole, Attribute::mergeAttributes);
        }
        return new SearchResultEntry(entry.getMessageID(), dn, attributes.values().toArray(Attribute[]::new),
                entry.getControls());
    }

    /** The ranged attribute with every later part appended, under its plain name. */
    private Attribute fetchRest(LDAPInterface connection, DirectoryObserver observer, String dn, Attribute first,
                                Range range) throws LDAPException {
        String name = first.getBaseName();
        List<byte[]> values = new ArrayList<>(List.of(first.getValueByteArrays()));
        Range last = range;
        while (!last.isLast()) {
            long from = last.high() + 1;
            String next = name + ";range=" + from + "-" + (rangeSize == null ? "*" : String.valueOf(from + rangeSize - 1));
            SearchRequest request = new SearchRequest(dn, SearchScope.BASE, "(objectClass=*)", next);
            request.setControls(controls());
            observer.searching(request);
            SearchResult result = connection.search(request);
            Attribute part = result.getEntryCount() == 0 ? null : rangedPart(result.getSearchEntries().get(0), name);
            if (part == null) {
                break;
            }
            values.addAll(List.of(part.getValueByteArrays()));
            last = range(part);
        }
        return new Attribute(name, values.toArray(byte[][]::new));
    }

    private static Attribute rangedPart(SearchResultEntry entry, String name) {
        for (Attribute attribute : entry.getAttributes()) {
            if (attribute.getBaseName().equalsIgnoreCase(name) && range(attribute) != null) {
                return attribute;
            }
        }
        return null;
    }

    /** The DN without the {@code <GUID=...>;<SID=...>;} that the extended-DN control puts before it. */
    static String plainDn(String dn) {
        String plain = dn;
        while (plain.startsWith("<")) {
            int end = plain.indexOf(">;");
            if (end < 0) {
                break;
            }
            plain = plain.substring(end + 2);
        }
        return plain;
    }

    /** Where one part of a ranged attribute ({@code range=low-high}) ends: {@code high}, null for {@code *}. */
    private record Range(Long high) {
        boolean isLast() {
            return high == null;
        }
    }

    private static Range range(Attribute attribute) {
        for (String option : attribute.getOptions()) {
            if (option.regionMatches(true, 0, "range=", 0, 6)) {
                String[] bounds = option.substring(6).split("-", 2);
                try {
                    Long.parseLong(bounds[0]); // an option whose low bound is no number is no range
                    return new Range(bounds.length < 2 || bounds[1].equals("*") ? null : Long.parseLong(bounds[1]));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
