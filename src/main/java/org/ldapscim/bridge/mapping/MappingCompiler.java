package org.ldapscim.bridge.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ldapscim.bridge.config.AttributeMappingConfig;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ResourceMappingConfig;
import org.ldapscim.bridge.config.TransformConfig;
import org.ldapscim.bridge.scim.schema.SchemaDefinition;
import org.ldapscim.bridge.scim.schema.StandardSchemas;

/**
 * Checks mapping files and compiles them into {@link ResourceMapping}s. Every problem is a
 * {@link ConfigException} naming the file and key, found at start-up rather than at the first request.
 */
public final class MappingCompiler {
    private static final Map<String, SchemaDefinition> CORE = Map.of(
            "User", StandardSchemas.user(), "Group", StandardSchemas.group());
    private static final Map<String, SchemaDefinition> EXTENSIONS = Map.of(
            StandardSchemas.enterpriseUser().urn().toLowerCase(Locale.ROOT), StandardSchemas.enterpriseUser());

    private static final List<String> STABLE_IDS = List.of("entryUUID", "objectGUID", "nsUniqueId", "ipaUniqueID");

    private MappingCompiler() {
    }

    /** Compiles all mappings; {@code labels} name each one's source (its file) in errors. */
    public static List<ResourceMapping> compile(List<ResourceMappingConfig> configs, List<String> labels) {
        List<ResourceMapping> mappings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            ResourceMapping mapping = compile(configs.get(i), labels.get(i));
            if (!seen.add(mapping.name())) {
                throw new ConfigException(labels.get(i) + ": resourceType", mapping.name() + " is mapped twice",
                        "keep one mapping file per resource type");
            }
            mappings.add(mapping);
        }
        for (int i = 0; i < mappings.size(); i++) {
            for (AttributeMapper mapper : mappings.get(i).mappers()) {
                List<String> targets = mapper instanceof ReferenceMapper reference ? reference.targets()
                        : mapper instanceof MemberSearchMapper search ? List.of(search.targetType()) : List.of();
                for (String target : targets) {
                    if (!seen.contains(target)) {
                        throw new ConfigException(labels.get(i) + ": attributes(" + mapper.path() + ").transform",
                                "refers to resource type " + target + ", which has no mapping",
                                "map " + target + " too, or drop this attribute");
                    }
                }
            }
        }
        return mappings;
    }

    static ResourceMapping compile(ResourceMappingConfig config, String label) {
        SchemaDefinition core = CORE.get(config.resourceType());
        if (core == null) {
            throw new ConfigException(label + ": resourceType", "resourceType must be User or Group", null);
        }
        List<SchemaDefinition> extensions = new ArrayList<>();
        for (int i = 0; i < config.schemaExtensions().size(); i++) {
            SchemaDefinition extension = EXTENSIONS.get(config.schemaExtensions().get(i).toLowerCase(Locale.ROOT));
            if (extension == null || !core.name().equals("User")) {
                throw new ConfigException(label + ": schemaExtensions[" + i + "]",
                        "unknown extension " + config.schemaExtensions().get(i),
                        "Users support " + StandardSchemas.enterpriseUser().urn());
            }
            extensions.add(extension);
        }
        List<DN> baseDns = new ArrayList<>();
        for (int i = 0; i < config.baseDns().size(); i++) {
            baseDns.add(dn(config.baseDns().get(i), label + ": baseDns[" + i + "]"));
        }
        if (baseDns.isEmpty()) {
            throw new ConfigException(label + ": baseDns", "no base DN is given",
                    "name the subtree(s) holding the entries, e.g. [\"ou=people,dc=example,dc=com\"]");
        }
        Filter searchFilter = filter(config.searchFilter(), label + ": searchFilter");
        if (config.objectClasses().isEmpty()) {
            throw new ConfigException(label + ": objectClasses", "no object classes are given",
                    "list the classes a new entry gets, e.g. [top, person, organizationalPerson, inetOrgPerson]");
        }
        if (config.create() == null || config.create().rdn() == null || config.create().parent() == null) {
            throw new ConfigException(label + ": create", "create.rdn and create.parent are required",
                    "e.g. create: {rdn: \"uid={userName}\", parent: \"ou=people,dc=example,dc=com\"}");
        }
        RdnTemplate rdn = template(() -> RdnTemplate.parse(config.create().rdn()), label + ": create.rdn");
        DN parent = dn(config.create().parent(), label + ": create.parent");
        requireUnderBase(parent, baseDns, label + ": create.parent");
        Map<String, ValueTemplate> defaults = new LinkedHashMap<>();
        config.create().defaults().forEach((attribute, text) -> defaults.put(attribute,
                template(() -> ValueTemplate.parse(text), label + ": create.defaults." + attribute)));
        if (config.id() == null || config.id().attribute() == null
                || STABLE_IDS.stream().noneMatch(config.id().attribute()::equalsIgnoreCase)) {
            // An id must survive renames and moves (RFC 7643 §3.1): only the directory's own entry ids do.
            throw new ConfigException(label + ": id.attribute", "the id must be a stable entry id the directory"
                    + " assigns, not " + (config.id() == null ? "missing" : config.id().attribute()),
                    "use entryUUID (OpenLDAP, 389-DS), objectGUID with format objectGUID (AD) or nsUniqueId");
        }
        DN placeholder = config.placeholderMember() == null ? null
                : dn(config.placeholderMember(), label + ": placeholderMember");
        List<AttributeMapper> mappers = new ArrayList<>();
        Map<String, String> writers = new HashMap<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < config.attributes().size(); i++) {
            String key = label + ": attributes[" + i + "]";
            AttributeMapper mapper = mapper(config.attributes().get(i), core, extensions, placeholder, key);
            if (!paths.add((mapper.path().elementKey() + "." + mapper.path().subAttribute()).toLowerCase(Locale.ROOT))) {
                throw new ConfigException(key + ".scim", mapper.path() + " is mapped twice", "keep one mapping per path");
            }
            String written = mapper.writtenAttribute();
            if (written != null && ResourceMapping.isWritable(mapper)) {
                String previous = writers.put(written.toLowerCase(Locale.ROOT), mapper.path().toString());
                if (previous != null) {
                    throw new ConfigException(key + ".ldap", written + " is already written by " + previous,
                            "mark one of them writable: false");
                }
            }
            mappers.add(mapper);
        }
        requireMapped(core, mappers, label);
        List<DerivedName> derived = derivedNames(config, baseDns, writers, rdn, core, extensions, label);
        PlacementRule placement = placement(config.create().placement(), baseDns, core, extensions,
                label + ": create.placement");
        requireTemplatePaths(rdn.values(), core, extensions, label + ": create.rdn");
        defaults.forEach((attribute, template) -> requireTemplatePaths(List.of(template), core, extensions,
                label + ": create.defaults." + attribute));
        var meta = new ResourceMapping.MetaAttributes(config.meta().created(), config.meta().lastModified(),
                config.meta().version());
        return new ResourceMapping(core.name(), core, extensions, baseDns, searchFilter, config.objectClasses(), rdn,
                parent, defaults, new IdCodec(config.id().attribute(), config.id().format()), meta, mappers,
                placeholder, derived, placement,
                DeprovisionCompiler.compile(config.deprovision(), core.urn(), mappers, baseDns, label));
    }

    private static List<DerivedName> derivedNames(ResourceMappingConfig config, List<DN> baseDns,
                                                  Map<String, String> writers, RdnTemplate rdn, SchemaDefinition core,
                                                  List<SchemaDefinition> extensions, String label) {
        List<DerivedName> derived = new ArrayList<>();
        for (Map.Entry<String, ResourceMappingConfig.DerivedNameConfig> rule
                : new java.util.TreeMap<>(config.create().derived()).entrySet()) {
            String attribute = rule.getKey();
            String key = label + ": create.derived." + attribute;
            ResourceMappingConfig.DerivedNameConfig given = rule.getValue();
            if (given == null || given.template() == null) {
                throw new ConfigException(key + ".template", "the template is missing",
                        "e.g. template: \"{userName}\", cutAt: \"@\"");
            }
            String writer = writers.get(attribute.toLowerCase(Locale.ROOT));
            if (writer != null) {
                throw new ConfigException(key, attribute + " is written by " + writer + " too",
                        "a derived name is made once, on create: map it writable: false, or drop the rule");
            }
            if (config.create().defaults().keySet().stream().anyMatch(attribute::equalsIgnoreCase)) {
                throw new ConfigException(key, attribute + " has a create.defaults entry too", "keep one of them");
            }
            if (rdn.attributeNames().stream().anyMatch(attribute::equalsIgnoreCase)) {
                throw new ConfigException(key, attribute + " names the entry (create.rdn)",
                        "derive another attribute, or name entries by one SCIM gives");
            }
            ValueTemplate template = template(() -> ValueTemplate.parse(given.template()), key + ".template");
            requireTemplatePaths(List.of(template), core, extensions, key + ".template");
            ResourceMappingConfig.UniqueConfig unique = given.unique();
            int attempts = unique == null ? 1 : unique.attempts();
            if (attempts < 1 || attempts > 1000) {
                throw new ConfigException(key + ".unique.attempts", "attempts must be between 1 and 1000", null);
            }
            int maxLength = given.maxLength() == null ? Integer.MAX_VALUE : given.maxLength();
            if (maxLength <= Integer.toString(attempts).length()) {
                throw new ConfigException(key + ".maxLength", "maxLength must leave room for the counter",
                        "AD's sAMAccountName: maxLength: 20");
            }
            List<DN> under = new ArrayList<>();
            if (unique != null) {
                for (int i = 0; i < unique.under().size(); i++) {
                    under.add(dn(unique.under().get(i), key + ".unique.under[" + i + "]"));
                }
                if (under.isEmpty()) {
                    under.addAll(baseDns);
                }
            }
            derived.add(new DerivedName(attribute, template, given.cutAt(), maxLength, given.forbidden(),
                    given.trim(), given.lowercase(), given.ascii(), under, attempts));
        }
        return derived;
    }

    private static PlacementRule placement(ResourceMappingConfig.PlacementConfig config, List<DN> baseDns,
                                           SchemaDefinition core, List<SchemaDefinition> extensions, String key) {
        if (config == null) {
            return null;
        }
        if (config.by() == null) {
            throw new ConfigException(key + ".by", "the SCIM path that places entries is missing",
                    "e.g. by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
        }
        requireTemplatePaths(List.of(ValueTemplate.parse("{" + config.by() + "}")), core, extensions, key + ".by");
        if (config.parents().isEmpty() && config.template() == null) {
            throw new ConfigException(key, "placement needs parents, a template or both",
                    "e.g. parents: {Sales: \"OU=Sales,DC=example,DC=test\"}");
        }
        Map<String, DN> parents = new HashMap<>();
        for (Map.Entry<String, String> parent : new java.util.TreeMap<>(config.parents()).entrySet()) {
            String parentKey = key + ".parents." + parent.getKey();
            DN dn = dn(parent.getValue(), parentKey);
            requireUnderBase(dn, baseDns, parentKey);
            if (parents.put(parent.getKey().toLowerCase(Locale.ROOT), dn) != null) {
                throw new ConfigException(parentKey, "the value is listed twice, in another case", null);
            }
        }
        ValueTemplate template = null;
        if (config.template() != null) {
            template = template(() -> ValueTemplate.parse(config.template()), key + ".template");
            if (!template.paths().equals(List.of("value"))) {
                throw new ConfigException(key + ".template", "the template takes the value as {value}, once",
                        "e.g. template: \"OU={value},OU=Staff,DC=example,DC=test\"");
            }
            DN sample = PlacementRule.render(template, "x");
            if (sample == null) {
                throw new ConfigException(key + ".template", "'" + config.template() + "' does not make a DN",
                        "e.g. OU={value},OU=Staff,DC=example,DC=test");
            }
            requireUnderBase(sample, baseDns, key + ".template");
        }
        return new PlacementRule(config.by(), parents, template);
    }

    private static void requireUnderBase(DN dn, List<DN> baseDns, String key) {
        if (baseDns.stream().noneMatch(base -> dn.isDescendantOf(base, true))) {
            throw new ConfigException(key, "new entries would land outside every base DN",
                    "put it under one of baseDns");
        }
    }

    /** RFC 7643's required attributes (userName, a group's displayName) cannot be left unmapped. */
    private static void requireMapped(SchemaDefinition core, List<AttributeMapper> mappers, String label) {
        for (AttributeDefinition attribute : core.attributes()) {
            boolean mapped = mappers.stream().anyMatch(m -> m.path().hasAttribute(core.urn(), attribute.getName()));
            if (attribute.isRequired() && !mapped) {
                throw new ConfigException(label + ": attributes", attribute.getName() + " is required by " + core.name()
                        + "s but not mapped", "map it, e.g. {scim: " + attribute.getName() + ", ldap: ...}");
            }
        }
    }

    /** Every {placeholder} of a template must be a SCIM path of the resource type. */
    private static void requireTemplatePaths(List<ValueTemplate> templates, SchemaDefinition core,
                                             List<SchemaDefinition> extensions, String key) {
        for (ValueTemplate template : templates) {
            for (String text : template.paths()) {
                try {
                    MappedPath path = MappedPath.parse(text, core.urn());
                    SchemaDefinition schema = schemaOf(path.schemaUrn(), core, extensions, key);
                    AttributeDefinition attribute = schema.attribute(path.attribute()).orElse(null);
                    boolean known = attribute != null && (path.subAttribute() == null
                            || SchemaDefinition.subAttribute(attribute, path.subAttribute()).isPresent());
                    if (!known) {
                        throw new IllegalArgumentException("{" + text + "} is not an attribute of " + core.name() + "s");
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, e.getMessage(), "e.g. {userName} or {name.familyName}");
                }
            }
        }
    }

    private static AttributeMapper mapper(AttributeMappingConfig config, SchemaDefinition core,
                                          List<SchemaDefinition> extensions, DN placeholder, String key) {
        if (config.scim() == null) {
            throw new ConfigException(key + ".scim", "the SCIM path is missing", "e.g. scim: name.givenName");
        }
        MappedPath path;
        try {
            path = MappedPath.parse(config.scim(), core.urn());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".scim", e.getMessage(), "e.g. emails[type eq \"work\"].value");
        }
        SchemaDefinition schema = schemaOf(path.schemaUrn(), core, extensions, key);
        AttributeDefinition definition = schema.attribute(path.attribute()).orElseThrow(() -> new ConfigException(
                key + ".scim", "'" + path.attribute() + "' is not an attribute of " + schema.urn(),
                "attributes: " + schema.attributes().stream().map(AttributeDefinition::getName).toList()));
        AttributeDefinition leaf = leaf(definition, path, key);
        TransformConfig transform = config.transform() == null ? defaultTransform(definition, leaf, key)
                : config.transform();
        if (!(transform instanceof TransformConfig.MemberSearch) && config.ldap() == null) {
            throw new ConfigException(key + ".ldap", "the LDAP attribute is missing", "e.g. ldap: givenName");
        }
        if (transform instanceof TransformConfig.Reference reference) {
            if (leaf != definition || definition.getSubAttributes() == null) {
                throw new ConfigException(key + ".scim", "a reference maps the whole attribute",
                        "use scim: members or scim: manager");
            }
            if (reference.targets().isEmpty()) {
                throw new ConfigException(key + ".transform.targets", "no target type is given", "e.g. targets: [User]");
            }
            if (reference.indirect() && !(path.attribute().equalsIgnoreCase("groups") && definition.isMultiValued())) {
                throw new ConfigException(key + ".transform.indirect", "only a user's groups can list indirect"
                        + " memberships", "remove indirect, or put it on scim: groups");
            }
            if (reference.indirect() && reference.by() != null) {
                throw new ConfigException(key + ".transform.indirect", "indirect memberships are followed through"
                        + " the groups' member DNs, not by " + reference.by(), "remove indirect or by");
            }
            return new ReferenceMapper(path, definition, config.ldap(), reference.targets(), reference.by(),
                    config.writable(), config.searchable(), placeholder == null ? Set.of() : Set.of(placeholder),
                    reference.indirect());
        }
        if (transform instanceof TransformConfig.MemberSearch search) {
            if (search.target() == null) {
                throw new ConfigException(key + ".transform.target", "no target type is given", "e.g. target: Group");
            }
            return new MemberSearchMapper(path, definition, search.target(), search.memberAttribute(), search.by());
        }
        if (transform instanceof TransformConfig.Password password) {
            if (!password.encoding().equals("plain") && !password.encoding().equals("unicodePwd")) {
                throw new ConfigException(key + ".transform.encoding", "unknown encoding " + password.encoding(),
                        "use plain or unicodePwd");
            }
            boolean unicodePwd = password.encoding().equals("unicodePwd");
            if (password.mustChangeAtNextLogon() && !unicodePwd) {
                throw new ConfigException(key + ".transform.mustChangeAtNextLogon", "works only with encoding: unicodePwd",
                        "it writes Active Directory's pwdLastSet");
            }
            return new PasswordMapper(path, definition, config.ldap(), unicodePwd, password.mustChangeAtNextLogon());
        }
        return new ScalarMapper(path, definition, config.ldap(), codec(transform, leaf, key),
                config.writable(), config.searchable(), config.primary());
    }

    private static SchemaDefinition schemaOf(String urn, SchemaDefinition core, List<SchemaDefinition> extensions,
                                             String key) {
        if (core.urn().equalsIgnoreCase(urn)) {
            return core;
        }
        return extensions.stream().filter(e -> e.urn().equalsIgnoreCase(urn)).findFirst().orElseThrow(() ->
                new ConfigException(key + ".scim", "schema " + urn + " is not among schemaExtensions",
                        "add it to schemaExtensions"));
    }

    private static AttributeDefinition leaf(AttributeDefinition definition, MappedPath path, String key) {
        if (path.type() != null && !definition.isMultiValued()) {
            throw new ConfigException(key + ".scim", path.attribute() + " is single-valued: [type eq ...] does not apply",
                    null);
        }
        if (path.subAttribute() == null) {
            if (path.type() != null) {
                throw new ConfigException(key + ".scim", "a typed element maps one sub-attribute",
                        "e.g. " + path + ".value");
            }
            return definition;
        }
        Optional<AttributeDefinition> sub = SchemaDefinition.subAttribute(definition, path.subAttribute());
        return sub.orElseThrow(() -> new ConfigException(key + ".scim",
                "'" + path.subAttribute() + "' is not a sub-attribute of " + path.attribute(), null));
    }

    private static TransformConfig defaultTransform(AttributeDefinition definition, AttributeDefinition leaf,
                                                    String key) {
        if (definition.getName().equals("password")) {
            return new TransformConfig.Password(null, null);
        }
        return switch (leaf.getType()) {
            case BOOLEAN -> new TransformConfig.Bool(null, null);
            case INTEGER -> new TransformConfig.Integer();
            case DATETIME -> new TransformConfig.GeneralizedTime();
            case COMPLEX -> throw new ConfigException(key + ".transform", definition.getName()
                    + " is complex: map its sub-attributes, or give transform: {kind: reference, targets: [...]}", null);
            default -> new TransformConfig.Text();
        };
    }

    private static ScalarCodec codec(TransformConfig transform, AttributeDefinition leaf, String key) {
        boolean isBoolean = leaf.getType() == AttributeDefinition.Type.BOOLEAN;
        if (transform instanceof TransformConfig.Text) {
            return new TextCodec();
        }
        if (transform instanceof TransformConfig.Integer) {
            return new IntegerCodec();
        }
        if (transform instanceof TransformConfig.GeneralizedTime) {
            return new GeneralizedTimeCodec();
        }
        if (transform instanceof TransformConfig.Bool bool) {
            requireBoolean(isBoolean, "boolean", key);
            return new BooleanCodec(bool.trueValue(), bool.falseValue());
        }
        if (transform instanceof TransformConfig.LockFlag lock) {
            requireBoolean(isBoolean, "lockFlag", key);
            if (lock.lockedValue() == null) {
                throw new ConfigException(key + ".transform.lockedValue", "lockFlag needs the value that locks",
                        "OpenLDAP: \"000001010000Z\" on pwdAccountLockedTime; 389-DS: \"TRUE\" on nsAccountLock");
            }
            return new LockFlagCodec(lock.lockedValue());
        }
        if (transform instanceof TransformConfig.BitFlag bits) {
            requireBoolean(isBoolean, "bitFlag", key);
            if (bits.mask() == null || bits.mask() <= 0) {
                throw new ConfigException(key + ".transform.mask", "bitFlag needs a positive mask",
                        "Active Directory's ACCOUNTDISABLE is mask: 2, setMeans: false");
            }
            return new BitFlagCodec(bits.mask(), bits.setMeans(), bits.initial());
        }
        throw new ConfigException(key + ".transform", "this kind does not apply to a " + leaf.getType() + " value",
                null);
    }

    private static void requireBoolean(boolean isBoolean, String kind, String key) {
        if (!isBoolean) {
            throw new ConfigException(key + ".transform", kind + " applies to boolean attributes only", null);
        }
    }

    private static DN dn(String text, String key) {
        if (text == null) {
            throw new ConfigException(key, "a DN is missing", null);
        }
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new ConfigException(key, "'" + text + "' is not a valid DN", "e.g. ou=people,dc=example,dc=com");
        }
    }

    private static Filter filter(String text, String key) {
        if (text == null) {
            throw new ConfigException(key, "the search filter is missing", "e.g. (objectClass=inetOrgPerson)");
        }
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            throw new ConfigException(key, "'" + text + "' is not a valid LDAP filter", "RFC 4515 syntax");
        }
    }

    private interface TemplateParse<T> {
        T parse();
    }

    private static <T> T template(TemplateParse<T> parse, String key) {
        try {
            return parse.parse();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage(), "use {scimPath} placeholders, e.g. uid={userName}");
        }
    }
}
