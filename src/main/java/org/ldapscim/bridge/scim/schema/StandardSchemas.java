package org.ldapscim.bridge.scim.schema;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.AttributeDefinition.Mutability;
import com.unboundid.scim2.common.types.AttributeDefinition.Returned;
import com.unboundid.scim2.common.types.AttributeDefinition.Type;
import com.unboundid.scim2.common.types.AttributeDefinition.Uniqueness;
import java.util.List;
import org.ldapscim.bridge.scim.ScimUrns;

/**
 * The attribute definitions of RFC 7643 §4 (User, Group) and §4.3 (Enterprise User), the catalogue
 * that mappings pick from. What a server advertises is the mapped subset (see the service layer's Discovery).
 */
public final class StandardSchemas {

    private StandardSchemas() {
    }

    public static SchemaDefinition user() {
        return new SchemaDefinition(ScimUrns.USER, "User", "User Account", List.of(
                string("userName").setRequired(true).setUniqueness(Uniqueness.SERVER).build(),
                externalId(),
                complex("name",
                        string("formatted").build(), string("familyName").build(), string("givenName").build(),
                        string("middleName").build(), string("honorificPrefix").build(),
                        string("honorificSuffix").build()).build(),
                string("displayName").build(),
                string("nickName").build(),
                reference("profileUrl", "external").build(),
                string("title").build(),
                string("userType").build(),
                string("preferredLanguage").build(),
                string("locale").build(),
                string("timezone").build(),
                bool("active").build(),
                string("password").setMutability(Mutability.WRITE_ONLY).setReturned(Returned.NEVER).build(),
                typedMulti("emails", "work", "home", "other"),
                typedMulti("phoneNumbers", "work", "home", "mobile", "fax", "pager", "other"),
                typedMulti("ims", "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
                typedMulti("photos", "photo", "thumbnail"),
                multi("addresses",
                        string("formatted").build(), string("streetAddress").build(), string("locality").build(),
                        string("region").build(), string("postalCode").build(), string("country").build(),
                        canonical(string("type"), "work", "home", "other").build(), bool("primary").build()).build(),
                membership("groups", Mutability.READ_ONLY, "User", "Group"),
                typedMulti("entitlements"),
                typedMulti("roles"),
                typedMulti("x509Certificates")));
    }

    public static SchemaDefinition enterpriseUser() {
        return new SchemaDefinition(ScimUrns.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User", List.of(
                string("employeeNumber").build(),
                string("costCenter").build(),
                string("organization").build(),
                string("division").build(),
                string("department").build(),
                complex("manager",
                        string("value").build(),
                        reference("$ref", "User").build(),
                        string("displayName").setMutability(Mutability.READ_ONLY).build()).build()));
    }

    public static SchemaDefinition group() {
        return new SchemaDefinition(ScimUrns.GROUP, "Group", "Group", List.of(
                string("displayName").setRequired(true).build(),
                externalId(),
                membership("members", Mutability.READ_WRITE, "User", "Group")));
    }

    /** RFC 7643 §3.1: the IdP's own identifier, kept as it was sent. */
    private static AttributeDefinition externalId() {
        return string("externalId").setCaseExact(true).build();
    }

    private static AttributeDefinition.Builder string(String name) {
        return new AttributeDefinition.Builder().setName(name).setType(Type.STRING)
                .setMutability(Mutability.READ_WRITE).setReturned(Returned.DEFAULT).setUniqueness(Uniqueness.NONE);
    }

    private static AttributeDefinition.Builder bool(String name) {
        return string(name).setType(Type.BOOLEAN);
    }

    private static AttributeDefinition.Builder reference(String name, String... referenceTypes) {
        return string(name).setType(Type.REFERENCE).addReferenceTypes(referenceTypes);
    }

    private static AttributeDefinition.Builder canonical(AttributeDefinition.Builder builder, String... values) {
        return values.length == 0 ? builder : builder.addCanonicalValues(values);
    }

    private static AttributeDefinition.Builder complex(String name, AttributeDefinition... subAttributes) {
        return string(name).setType(Type.COMPLEX).addSubAttributes(subAttributes);
    }

    private static AttributeDefinition.Builder multi(String name, AttributeDefinition... subAttributes) {
        return complex(name, subAttributes).setMultiValued(true);
    }

    private static AttributeDefinition typedMulti(String name, String... types) {
        return multi(name,
                string("value").build(),
                string("display").build(),
                canonical(string("type"), types).build(),
                bool("primary").build()).build();
    }

    private static AttributeDefinition membership(String name, Mutability mutability, String... referenceTypes) {
        return multi(name,
                string("value").setMutability(Mutability.IMMUTABLE).build(),
                reference("$ref", referenceTypes).setMutability(Mutability.IMMUTABLE).build(),
                string("display").setMutability(Mutability.READ_ONLY).build(),
                canonical(string("type").setMutability(Mutability.IMMUTABLE), referenceTypes).build())
                .setMutability(mutability).build();
    }
}
