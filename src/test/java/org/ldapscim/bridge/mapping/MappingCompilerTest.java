package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ConfigLoader;
import org.ldapscim.bridge.config.LoadedConfig;
import org.ldapscim.bridge.ldap.ShippedSchemas;

/**
 * Mapping files that bind but cannot work: each is refused at start-up with a key path of the form
 * {@code <file>: <key>} and a message naming the problem, by {@link MappingCompiler} (SCIM side) or by
 * {@link MappingSchemaCheck} against the shipped LDAP schemas (LDAP side).
 */
class MappingCompilerTest {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** A small valid user mapping; {@code %ATTRIBUTES%} takes extra attribute lines. */
    private static final String TEMPLATE = """
            resourceType: User
            schemaExtensions: [%s]
            baseDns: ["ou=people,dc=example,dc=com"]
            searchFilter: "(objectClass=inetOrgPerson)"
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            create:
              rdn: "uid={userName}"
              parent: "ou=people,dc=example,dc=com"
              defaults: {cn: "{displayName|userName}", sn: "{userName}"}
            id: {attribute: entryUUID}
            attributes:
              - {scim: userName, ldap: uid}
              - {scim: displayName, ldap: displayName}
            %%ATTRIBUTES%%
            """.formatted(ENTERPRISE);
    /** The template with no extra attributes. */
    private static final String USERS = users("");

    private static Schema schema;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadSchema() {
        schema = ShippedSchemas.load();
    }

    /** The base mapping with {@code create.derived} holding {@code rules}, a YAML flow mapping's content. */
    private static String derived(String rules) {
        return USERS.replace("  defaults:", "  derived: {" + rules + "}\n  defaults:");
    }

    /** The base mapping with {@code create.placement} holding {@code rule}, a YAML flow mapping's content. */
    private static String placement(String rule) {
        return USERS.replace("  defaults:", "  placement: {" + rule + "}\n  defaults:");
    }

    private static String users(String attributeLines) {
        return TEMPLATE.replace("%ATTRIBUTES%", attributeLines);
    }

    /** Loads mapping files as bridge.yaml would list them, and compiles them. */
    private List<ResourceMapping> compile(String... files) throws IOException {
        LoadedConfig loaded = load(files);
        return MappingCompiler.compile(loaded.resources(), loaded.bridge().mappings());
    }

    private LoadedConfig load(String... files) throws IOException {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < files.length; i++) {
            String name = "mapping" + i + ".yaml";
            Files.writeString(directory.resolve(name), files[i]);
            names.append(i == 0 ? "" : ", ").append(name);
        }
        Path bridge = Files.writeString(directory.resolve("bridge.yaml"), "mappings: [" + names + "]\n");
        return ConfigLoader.load(bridge);
    }

    private void compileAndCheck(String... files) throws IOException {
        LoadedConfig loaded = load(files);
        List<ResourceMapping> mappings = MappingCompiler.compile(loaded.resources(), loaded.bridge().mappings());
        MappingSchemaCheck.check(mappings, loaded.bridge().mappings(), schema);
    }

    @Test
    void theBaseMappingOfTheseTestsIsValid() throws IOException {
        assertDoesNotThrow(() -> compileAndCheck(users("")));
        ResourceMapping mapping = compile(users("")).get(0);
        assertEquals("User", mapping.name());
        assertEquals("/Users", mapping.endpoint());
        assertEquals(2, mapping.mappers().size());
    }

    static Stream<Arguments> brokenMappings() {
        return Stream.of(
                Arguments.of("unknown SCIM attribute",
                        users("  - {scim: shoeSize, ldap: description}"),
                        "attributes[2].scim", "'shoeSize' is not an attribute of urn:ietf:params:scim:schemas:core:2.0:User"),
                Arguments.of("unknown sub-attribute",
                        users("  - {scim: name.nickName, ldap: cn}"),
                        "attributes[2].scim", "'nickName' is not a sub-attribute of name"),
                Arguments.of("unparsable SCIM path",
                        users("  - {scim: 'emails[type eq', ldap: mail}"),
                        "attributes[2].scim", "is not a SCIM attribute path"),
                Arguments.of("typed path without sub-attribute",
                        users("  - {scim: 'emails[type eq \"work\"]', ldap: mail}"),
                        "attributes[2].scim", "a typed element maps one sub-attribute"),
                Arguments.of("type filter on a single-valued attribute",
                        users("  - {scim: 'name[type eq \"x\"].givenName', ldap: givenName}"),
                        "attributes[2].scim", "name is single-valued"),
                Arguments.of("element chosen by something else than type",
                        users("  - {scim: 'emails[primary eq true].value', ldap: mail}"),
                        "attributes[2].scim", "only [type eq \"...\"] may select an element"),
                Arguments.of("complex attribute without a transform",
                        users("  - {scim: name, ldap: cn}"),
                        "attributes[2].transform", "name is complex"),
                Arguments.of("indirect memberships on a reference that is no user's groups",
                        users("  - {scim: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', ldap: manager,"
                                + " transform: {kind: reference, targets: [User], indirect: true}}"),
                        "attributes[2].transform.indirect", "only a user's groups can list indirect memberships"),
                Arguments.of("indirect memberships on groups held by attribute value",
                        users("  - {scim: groups, ldap: memberOf,"
                                + " transform: {kind: reference, targets: [User], by: uid, indirect: true}}"),
                        "attributes[2].transform.indirect", "followed through the groups' member DNs, not by uid"),
                Arguments.of("missing LDAP attribute",
                        users("  - {scim: title}"),
                        "attributes[2].ldap", "the LDAP attribute is missing"),
                Arguments.of("missing SCIM path",
                        users("  - {ldap: title}"),
                        "attributes[2].scim", "the SCIM path is missing"),
                Arguments.of("extension attribute of an extension not listed",
                        users("  - {scim: 'urn:example:params:scim:schemas:extension:acme:2.0:User:badge', ldap: title}"),
                        "attributes[2].scim", "is not among schemaExtensions"),
                Arguments.of("lockFlag without lockedValue",
                        users("  - {scim: active, ldap: pwdAccountLockedTime, transform: {kind: lockFlag}}"),
                        "attributes[2].transform.lockedValue", "lockFlag needs the value that locks"),
                Arguments.of("bitFlag on a string attribute",
                        users("  - {scim: title, ldap: title, transform: {kind: bitFlag, mask: 2}}"),
                        "attributes[2].transform", "bitFlag applies to boolean attributes only"),
                Arguments.of("bitFlag without a mask",
                        users("  - {scim: active, ldap: userAccountControl, transform: {kind: bitFlag}}"),
                        "attributes[2].transform.mask", "bitFlag needs a positive mask"),
                Arguments.of("boolean transform on a string attribute",
                        users("  - {scim: title, ldap: title, transform: {kind: boolean}}"),
                        "attributes[2].transform", "boolean applies to boolean attributes only"),
                Arguments.of("reference without targets",
                        users("  - {scim: '" + ENTERPRISE + ":manager', ldap: manager, transform: {kind: reference}}"),
                        "attributes[2].transform.targets", "no target type is given"),
                Arguments.of("reference on a sub-attribute",
                        users("  - {scim: 'emails[type eq \"work\"].value', ldap: mail, transform: {kind: reference, targets: [User]}}"),
                        "attributes[2].scim", "a reference maps the whole attribute"),
                Arguments.of("memberSearch without a target",
                        users("  - {scim: groups, transform: {kind: memberSearch}}"),
                        "attributes[2].transform.target", "no target type is given"),
                Arguments.of("unknown password encoding",
                        users("  - {scim: password, ldap: userPassword, transform: {kind: password, encoding: md5}}"),
                        "attributes[2].transform.encoding", "unknown encoding md5"),
                Arguments.of("two writable mappings of one LDAP attribute",
                        users("  - {scim: nickName, ldap: UID}"),
                        "attributes[2].ldap", "UID is already written by userName"),
                Arguments.of("unknown resource type",
                        USERS.replace("resourceType: User", "resourceType: Device"),
                        "resourceType", "resourceType must be User or Group"),
                Arguments.of("unknown schema extension",
                        USERS.replace(ENTERPRISE, "urn:example:extension"),
                        "schemaExtensions[0]", "unknown extension urn:example:extension"),
                Arguments.of("no base DN",
                        USERS.replace("baseDns: [\"ou=people,dc=example,dc=com\"]", "baseDns: []"),
                        "baseDns", "no base DN is given"),
                Arguments.of("base DN that is no DN",
                        USERS.replace("baseDns: [\"ou=people,dc=example,dc=com\"]", "baseDns: [\"people\"]"),
                        "baseDns[0]", "'people' is not a valid DN"),
                Arguments.of("search filter that is no LDAP filter",
                        USERS.replace("\"(objectClass=inetOrgPerson)\"", "\"objectClass=inetOrgPerson)\""),
                        "searchFilter", "is not a valid LDAP filter"),
                Arguments.of("no object classes",
                        USERS.replace("[top, person, organizationalPerson, inetOrgPerson]", "[]"),
                        "objectClasses", "no object classes are given"),
                Arguments.of("create.parent outside baseDns",
                        USERS.replace("parent: \"ou=people,dc=example,dc=com\"", "parent: \"ou=staff,dc=example,dc=com\""),
                        "create.parent", "new entries would land outside every base DN"),
                Arguments.of("RDN template without attribute",
                        USERS.replace("rdn: \"uid={userName}\"", "rdn: \"{userName}\""),
                        "create.rdn", "is not of the form attribute={scimPath}"),
                Arguments.of("default with an unclosed placeholder",
                        USERS.replace("sn: \"{userName}\"", "sn: \"{userName\""),
                        "create.defaults.sn", "has a '{' without its '}'"),
                Arguments.of("no id attribute",
                        USERS.replace("id: {attribute: entryUUID}", ""),
                        "id.attribute", "the id must be a stable entry id"),
                Arguments.of("an id that changes on rename",
                        USERS.replace("attribute: entryUUID", "attribute: uid"),
                        "id.attribute", "not uid"),
                Arguments.of("one SCIM path mapped twice",
                        users("  - {scim: title, ldap: title}\n  - {scim: title, ldap: description}"),
                        "attributes[3].scim", "title is mapped twice"),
                Arguments.of("a template path that is no attribute",
                        USERS.replace("rdn: \"uid={userName}\"", "rdn: \"uid={userNam}\""),
                        "create.rdn", "{userNam} is not an attribute of Users"),
                Arguments.of("a derived name without template",
                        derived("employeeType: {maxLength: 8}"),
                        "create.derived.employeeType.template", "the template is missing"),
                Arguments.of("a derived name SCIM writes too",
                        derived("displayName: {template: \"{userName}\"}"),
                        "create.derived.displayName", "displayName is written by displayName too"),
                Arguments.of("a derived name with a default too",
                        derived("sn: {template: \"{userName}\"}"),
                        "create.derived.sn", "has a create.defaults entry too"),
                Arguments.of("a derived name that names the entry",
                        derived("employeeNumber: {template: \"{userName}\"}")
                                .replace("rdn: \"uid={userName}\"", "rdn: \"employeeNumber={userName}\""),
                        "create.derived.employeeNumber", "names the entry (create.rdn)"),
                Arguments.of("a derived name that userName writes",
                        derived("UID: {template: \"{userName}\"}"),
                        "create.derived.UID", "UID is written by userName too"),
                Arguments.of("a derived name from no SCIM attribute",
                        derived("employeeType: {template: \"{nickNam}\"}"),
                        "create.derived.employeeType.template", "{nickNam} is not an attribute of Users"),
                Arguments.of("a derived name too short for its counter",
                        derived("employeeType: {template: \"{userName}\", maxLength: 2, unique: {attempts: 100}}"),
                        "create.derived.employeeType.maxLength", "must leave room for the counter"),
                Arguments.of("a derived name tried too often",
                        derived("employeeType: {template: \"{userName}\", unique: {attempts: 0}}"),
                        "create.derived.employeeType.unique.attempts", "between 1 and 1000"),
                Arguments.of("a unique base that is no DN",
                        derived("employeeType: {template: \"{userName}\", unique: {under: [\"people\"]}}"),
                        "create.derived.employeeType.unique.under[0]", "'people' is not a valid DN"),
                Arguments.of("placement without a SCIM path",
                        placement("parents: {Sales: \"ou=sales,ou=people,dc=example,dc=com\"}"),
                        "create.placement.by", "is missing"),
                Arguments.of("placement by no SCIM attribute",
                        placement("by: departmnt, parents: {Sales: \"ou=sales,ou=people,dc=example,dc=com\"}"),
                        "create.placement.by", "{departmnt} is not an attribute of Users"),
                Arguments.of("placement with nowhere to go",
                        placement("by: title"),
                        "create.placement", "needs parents, a template or both"),
                Arguments.of("placement in a parent outside baseDns",
                        placement("by: title, parents: {Sales: \"ou=sales,dc=example,dc=com\"}"),
                        "create.placement.parents.Sales", "new entries would land outside every base DN"),
                Arguments.of("placement in a parent that is no DN",
                        placement("by: title, parents: {Sales: \"sales\"}"),
                        "create.placement.parents.Sales", "'sales' is not a valid DN"),
                Arguments.of("placement by a template outside baseDns",
                        placement("by: title, template: \"ou={value},ou=staff,dc=example,dc=com\""),
                        "create.placement.template", "new entries would land outside every base DN"),
                Arguments.of("placement by a template without {value}",
                        placement("by: title, template: \"ou={title},ou=people,dc=example,dc=com\""),
                        "create.placement.template", "takes the value as {value}"),
                Arguments.of("placement by a template that makes no DN",
                        placement("by: title, template: \"{value}\""),
                        "create.placement.template", "does not make a DN"),
                Arguments.of("placement values listed twice",
                        placement("by: title, parents: {Sales: \"ou=a,ou=people,dc=example,dc=com\","
                                + " SALES: \"ou=b,ou=people,dc=example,dc=com\"}"),
                        "create.placement.parents.Sales", "listed twice"),
                Arguments.of("userName not mapped",
                        USERS.replace("  - {scim: userName, ldap: uid}\n", ""),
                        "attributes", "userName is required by Users but not mapped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMappings")
    void brokenMappingsAreRefusedNamingTheKey(String problem, String yaml, String key, String inMessage) {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(yaml));
        assertEquals("mapping0.yaml: " + key, e.keyPath(), e::describe);
        assertTrue(e.getMessage().contains(inMessage), e::describe);
    }

    @Test
    void aReferenceToAnUnmappedTypeIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> compile(users("  - {scim: groups, transform: {kind: memberSearch, target: Group}}")));
        assertEquals("mapping0.yaml: attributes(groups).transform", e.keyPath());
        assertTrue(e.getMessage().contains("refers to resource type Group, which has no mapping"), e::describe);
    }

    @Test
    void aResourceTypeMappedTwiceIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> compile(users(""), users("")));
        assertEquals("mapping1.yaml: resourceType", e.keyPath());
        assertTrue(e.getMessage().contains("User is mapped twice"), e::describe);
    }

    @Test
    void aReadOnlyMappingMayShareItsLdapAttribute() throws IOException {
        List<ResourceMapping> mappings = compile(users("  - {scim: nickName, ldap: uid, writable: false}"));
        assertEquals(3, mappings.get(0).mappers().size());
    }

    static Stream<Arguments> mappingsTheSchemaRefuses() {
        return Stream.of(
                Arguments.of("object class not in the schema",
                        USERS.replace("inetOrgPerson]", "inetOrgPerson, shoePerson]"),
                        "objectClasses", "object class shoePerson is not in the directory schema"),
                Arguments.of("LDAP attribute not in the schema",
                        users("  - {scim: title, ldap: shoeSize}"),
                        "attributes(title).ldap", "attribute shoeSize is not in the directory schema"),
                Arguments.of("read-only LDAP attribute not in the schema",
                        users("  - {scim: nickName, ldap: shoeSize, writable: false}"),
                        "attributes(nickName).ldap", "attribute shoeSize is not in the directory schema"),
                Arguments.of("attribute a reference holds of its targets not in the schema",
                        users("  - scim: '" + ENTERPRISE + ":manager'\n    ldap: manager\n"
                                + "    transform: {kind: reference, targets: [User], by: shoeId}"),
                        "attributes(manager).transform.by",
                        "attribute shoeId is not in the directory schema"),
                Arguments.of("member attribute of a member search not in the schema",
                        users("  - scim: groups\n    transform: {kind: memberSearch, target: User, "
                                + "memberAttribute: shoeMember}"),
                        "attributes(groups).transform.memberAttribute",
                        "attribute shoeMember is not in the directory schema"),
                Arguments.of("attribute a member search compares not in the schema",
                        users("  - scim: groups\n    transform: {kind: memberSearch, target: User, "
                                + "memberAttribute: memberUid, by: shoeId}"),
                        "attributes(groups).transform.by", "attribute shoeId is not in the directory schema"),
                Arguments.of("version attribute not in the schema",
                        USERS + "meta: {version: [shoeCounter]}\n",
                        "meta.version", "attribute shoeCounter is not in the directory schema"),
                Arguments.of("create.defaults attribute not in the schema",
                        USERS.replace("defaults: {", "defaults: {shoeSize: \"{userName}\", "),
                        "create.defaults.shoeSize", "attribute shoeSize is not in the directory schema"),
                Arguments.of("RDN attribute not in the schema",
                        USERS.replace("rdn: \"uid={userName}\"", "rdn: \"shoeName={userName}\""),
                        "create.rdn", "attribute shoeName is not in the directory schema"),
                Arguments.of("attribute no object class allows",
                        users("  - {scim: title, ldap: sAMAccountName}"),
                        "objectClasses", "allows sAMAccountName"),
                Arguments.of("MUST attribute no mapping writes",
                        USERS.replace(", sn: \"{userName}\"", ""),
                        "create.defaults", "object class person requires sn, which no mapping writes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappingsTheSchemaRefuses")
    void mappingsTheDirectorySchemaCannotHoldAreRefused(String problem, String yaml, String key, String inMessage)
            throws IOException {
        assertDoesNotThrow(() -> compile(yaml), "the SCIM side alone is fine");
        ConfigException e = assertThrows(ConfigException.class, () -> compileAndCheck(yaml));
        assertEquals("mapping0.yaml: " + key, e.keyPath(), e::describe);
        assertTrue(e.getMessage().contains(inMessage), e::describe);
    }

    @Test
    void aMustAttributeWrittenByAMappingOrTheRdnNeedsNoDefault() {
        // sn from name.familyName; cn from the RDN itself.
        String yaml = TEMPLATE.replace("rdn: \"uid={userName}\"", "rdn: \"cn={userName}\"")
                .replace("defaults: {cn: \"{displayName|userName}\", sn: \"{userName}\"}", "defaults: {}")
                .replace("%ATTRIBUTES%", "  - {scim: name.familyName, ldap: sn}");
        assertDoesNotThrow(() -> compileAndCheck(yaml));
    }
}
