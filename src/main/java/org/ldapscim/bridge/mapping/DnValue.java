package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DN-valued attribute's value: the DN, and the target's objectGUID when the directory sent the value in AD's
 * extended form ({@code <GUID=...>;<SID=...>;CN=...}, string flavour), which names the target's id without a
 * lookup. A value may also carry RFC 4517's optional UID ({@code uniqueMember: cn=x,o=y#'0101'B},
 * NameAndOptionalUID), which names no other entry and is read past.
 *
 * @param guid the GUID in Microsoft's text form, lower case, or null
 */
public record DnValue(DN dn, String guid) {
    /** The optional UID of a NameAndOptionalUID value: {@code #'} bits {@code 'B} at its end. */
    private static final Pattern OPTIONAL_UID = Pattern.compile("#'[01]*'B$");

    /** The value parsed, or null when it is no DN. */
    public static DnValue parse(String value) {
        String rest = value;
        String guid = null;
        while (rest.startsWith("<")) {
            int end = rest.indexOf(">;");
            if (end < 0) {
                break;
            }
            String part = rest.substring(1, end);
            if (part.regionMatches(true, 0, "GUID=", 0, 5)) {
                guid = part.substring(5).toLowerCase(Locale.ROOT);
            }
            rest = rest.substring(end + 2);
        }
        try {
            return new DnValue(new DN(OPTIONAL_UID.matcher(rest).replaceFirst("")),
                    guid != null && IdCodec.guidBytes(guid) != null ? guid : null);
        } catch (LDAPException e) {
            return null;
        }
    }
}
