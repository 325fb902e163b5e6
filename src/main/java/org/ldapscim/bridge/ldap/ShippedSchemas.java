package org.ldapscim.bridge.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The LDIF schema files under {@code ldap-schemas/} (packaged into the jar), merged over UnboundID's
 * standard schema: what the demo directory needs to hold OpenLDAP- and AD-shaped entries.
 */
public final class ShippedSchemas {
    /** Listed here, not discovered, so the jar and the source tree read the same files. */
    public static final List<String> FILES = List.of("ppolicy.ldif", "memberof.ldif", "scim-bridge.ldif",
            "active-directory.ldif", "rfc4519-groups.ldif", "openldap-operational.ldif", "389ds-operational.ldif",
            "rfc2307-groups.ldif");

    private ShippedSchemas() {
    }

    public static Schema load() {
        List<Schema> schemas = new ArrayList<>();
        try {
            schemas.add(Schema.getDefaultStandardSchema());
            for (String file : FILES) {
                try (InputStream in = ShippedSchemas.class.getClassLoader().getResourceAsStream("ldap-schemas/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("ldap-schemas/" + file + " is missing from the class path");
                    }
                    schemas.add(Schema.getSchema(in));
                }
            }
        } catch (LDAPException | LDIFException | IOException e) {
            throw new IllegalStateException("the shipped LDAP schemas cannot be read", e);
        }
        return Schema.mergeSchemas(schemas.toArray(Schema[]::new));
    }
}
