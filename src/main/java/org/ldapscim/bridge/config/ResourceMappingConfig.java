package org.ldapscim.bridge.config;

import java.util.List;
import java.util.Map;

/**
 * One SCIM resource type mapped onto LDAP entries: one mapping file under {@code config/}.
 *
 * @param resourceType {@code User} or {@code Group}
 * @param schemaExtensions extension schema URNs whose attributes this mapping uses
 * @param baseDns subtrees that hold the entries; searches run under each
 * @param searchFilter LDAP filter that selects the entries of this type, e.g. {@code (objectClass=inetOrgPerson)}
 * @param objectClasses object classes written on create
 * @param create how the DN of a new entry is made, and attributes written only on create
 * @param id which operational attribute is the SCIM id
 * @param meta which attributes give {@code meta.created}, {@code meta.lastModified} and {@code meta.version}
 * @param placeholderMember for group classes that require a member: the DN written when SCIM wants the
 *                          group empty; it is never shown to SCIM
 * @param deprovision what DELETE and {@code active=false} do, or null for a plain delete and flag
 */
public record ResourceMappingConfig(String resourceType, List<String> schemaExtensions, List<String> baseDns,
                                    String searchFilter, List<String> objectClasses, CreateConfig create,
                                    IdConfig id, MetaConfig meta, String placeholderMember,
                                    List<AttributeMappingConfig> attributes, DeprovisionConfig deprovision) {

    public ResourceMappingConfig {
        schemaExtensions = schemaExtensions == null ? List.of() : List.copyOf(schemaExtensions);
        baseDns = baseDns == null ? List.of() : List.copyOf(baseDns);
        objectClasses = objectClasses == null ? List.of() : List.copyOf(objectClasses);
        meta = meta == null ? new MetaConfig(null, null, null) : meta;
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A mapping without a {@code deprovision} section. */
    public ResourceMappingConfig(String resourceType, List<String> schemaExtensions, List<String> baseDns,
                                 String searchFilter, List<String> objectClasses, CreateConfig create, IdConfig id,
                                 MetaConfig meta, String placeholderMember, List<AttributeMappingConfig> attributes) {
        this(resourceType, schemaExtensions, baseDns, searchFilter, objectClasses, create, id, meta, placeholderMember,
                attributes, null);
    }

    /**
     * @param rdn RDN template, e.g. {@code uid={userName}}; {@code {path}} takes a SCIM value, and
     *            {@code {a|b}} the first of several that is present
     * @param parent DN under which new entries are created
     * @param defaults LDAP attributes written on create, as templates, when no mapping gives them a value
     * @param derived LDAP attributes whose value is made once, on create, by a naming rule (AD's sAMAccountName)
     * @param placement a rule that picks the parent by a SCIM value; {@code parent} is its fallback
     */
    public record CreateConfig(String rdn, String parent, Map<String, String> defaults,
                               Map<String, DerivedNameConfig> derived, PlacementConfig placement) {
        public CreateConfig {
            defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
            derived = derived == null ? Map.of() : Map.copyOf(derived);
        }
    }

    /**
     * A short name made from SCIM values on create: the template rendered, cut at {@code cutAt}, the
     * {@code forbidden} characters and control characters removed, {@code trim} characters taken off both
     * ends, at most {@code maxLength} UTF-16 units, and with {@code unique} a counter appended until no entry
     * under its base DNs holds it.
     *
     * @param template e.g. {@code "{userName}"}; {@code {a|b}} takes the first present
     * @param cutAt text from whose first occurrence on the value is dropped, e.g. {@code "@"} for a local part
     * @param ascii accents folded away and every other non-ASCII character removed (POSIX user names)
     */
    public record DerivedNameConfig(String template, String cutAt, Integer maxLength, String forbidden,
                                    String trim, Boolean lowercase, Boolean ascii, UniqueConfig unique) {
        public DerivedNameConfig {
            forbidden = forbidden == null ? "" : forbidden;
            trim = trim == null ? "" : trim;
            lowercase = lowercase != null && lowercase;
            ascii = ascii != null && ascii;
        }
    }

    /**
     * @param under subtrees no other entry of any type may hold the name in (AD: the whole domain); the
     *              mapping's baseDns when left out
     * @param attempts how many names (the plain one, then with 2, 3, ...) are tried before 409 uniqueness
     */
    public record UniqueConfig(List<String> under, Integer attempts) {
        public UniqueConfig {
            under = under == null ? List.of() : List.copyOf(under);
            attempts = attempts == null ? 20 : attempts;
        }
    }

    /**
     * Where a new entry goes, by the first text value at the SCIM path {@code by}: the DN that {@code parents}
     * names for it (compared ignoring case), else {@code template} with the value in (escaped as an RDN value)
     * when that entry exists, else {@code create.parent}. Applied on create only.
     *
     * @param template e.g. {@code "OU={value},OU=Staff,DC=example,DC=test"}
     */
    public record PlacementConfig(String by, Map<String, String> parents, String template) {
        public PlacementConfig {
            parents = parents == null ? Map.of() : Map.copyOf(parents);
        }
    }

    /**
     * @param attribute the LDAP attribute holding the stable id: entryUUID, objectGUID or nsUniqueId
     * @param format how its value reads as text
     */
    public record IdConfig(String attribute, IdFormat format) {
        public IdConfig {
            format = format == null ? IdFormat.text : format;
        }
    }

    /** How an id attribute's value reads as SCIM text. */
    public enum IdFormat {
        /** The value is already text (entryUUID, nsUniqueId). */
        text,
        /** Active Directory's 16-byte objectGUID, shown in Microsoft's string form. */
        objectGUID
    }

    /** @param version attributes whose values together make {@code meta.version} */
    public record MetaConfig(String created, String lastModified, List<String> version) {
        public MetaConfig {
            created = created == null ? "createTimestamp" : created;
            lastModified = lastModified == null ? "modifyTimestamp" : lastModified;
            version = version == null ? List.of(lastModified) : List.copyOf(version);
        }
    }
}
