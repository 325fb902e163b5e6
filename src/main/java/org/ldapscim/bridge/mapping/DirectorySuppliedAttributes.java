package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attributes a directory fills in itself when an entry is added, so that a mapping need not write them even
 * where an object class requires them (lower-case names).
 *
 * <p>Anywhere: attribute types marked {@code NO-USER-MODIFICATION} (RFC 4512 §4.1.2), which no client can write.
 * On Active Directory, recognised by the {@code extendedAttributeInfo} its subschema entry alone publishes: the
 * attributes marked {@code SYSTEM-ONLY} there ({@code instanceType}, {@code objectSid}, ...), and
 * {@code objectCategory} and {@code nTSecurityDescriptor}, which {@code top} requires and AD sets on every add
 * from the class's {@code defaultObjectCategory} and {@code defaultSecurityDescriptor}.
 */
final class DirectorySuppliedAttributes {
    private static final Pattern NAME = Pattern.compile("NAME\\s+'([^']+)'");

    private DirectorySuppliedAttributes() {
    }

    static Set<String> of(Schema schema) {
        Set<String> supplied = new HashSet<>();
        for (AttributeTypeDefinition type : schema.getAttributeTypes()) {
            if (type.isNoUserModification()) {
                supplied.add(type.getNameOrOID().toLowerCase(Locale.ROOT));
            }
        }
        Entry subschema = schema.getSchemaEntry();
        String[] extended = subschema == null ? null : subschema.getAttributeValues("extendedAttributeInfo");
        if (extended != null) {
            supplied.add("objectcategory");
            supplied.add("ntsecuritydescriptor");
            for (String description : extended) {
                Matcher name = NAME.matcher(description);
                if (description.contains(" SYSTEM-ONLY") && name.find()) {
                    supplied.add(name.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return supplied;
    }
}
