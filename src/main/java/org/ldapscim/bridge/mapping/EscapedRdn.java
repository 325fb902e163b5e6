package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;

/**
 * RDNs and DNs built from request values with every {@code =} escaped as well. UnboundID escapes only what
 * RFC 4514 requires and leaves {@code =} bare, which Active Directory and Samba refuse as invalid DN syntax
 * ({@code CN=a=b}); RFC 4514 lets any character be escaped, so {@code CN=a\=b} is valid everywhere. UnboundID
 * keeps the text of an RDN or DN parsed from a string but re-renders one assembled from parts, so both are
 * built as text here.
 */
public final class EscapedRdn {
    private EscapedRdn() {
    }

    /** The RDN {@code names[i]=values[i]+...}, each value escaped. */
    public static RDN of(String[] names, String[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                text.append('+');
            }
            text.append(names[i]).append('=').append(escape(values[i]));
        }
        try {
            return new RDN(text.toString());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("an RDN escaped value by value does not parse: " + names[0], e);
        }
    }

    /** {@code value} as RFC 4514 text for an RDN value, {@code =} included. */
    public static String escape(String value) {
        return new RDN("x", value).toString().substring(2).replace("=", "\\=");
    }

    /** The DN of {@code rdn} under {@code parent}, keeping the RDN's escapes. */
    public static DN under(RDN rdn, DN parent) {
        String text = parent == null || parent.isNullDN() ? rdn.toString() : rdn + "," + parent;
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("an RDN under a valid DN does not parse: " + rdn, e);
        }
    }
}
