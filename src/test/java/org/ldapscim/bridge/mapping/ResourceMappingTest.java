package org.ldapscim.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.config.ResourceMappingConfig.IdFormat;
import org.ldapscim.bridge.scim.ScimException;
import org.ldapscim.bridge.scim.ScimType;

/** Entries to SCIM resources and back through the shipped demo and Active Directory mappings. */
class ResourceMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final String BJENSEN_ID = "2819c223-7f76-453a-919d-413861904646";
    private static final String BJENSEN_DN = "uid=bjensen,ou=people,dc=example,dc=com";
    private static final String JSMITH_ID = "26118915-6090-4610-87e4-49d8ca9f808d";
    private static final String JSMITH_DN = "uid=jsmith,ou=people,dc=example,dc=com";
    private static final String ADMINS_ID = "e9e30dba-f08f-4109-8486-d5c6a331660a";
    private static final String ADMINS_DN = "cn=Admins,ou=groups,dc=example,dc=com";
    private static final String LOCKED = "000001010000Z";

    private static final ResourceMapping USERS = ShippedMappings.users("demo");
    private static final ResourceMapping GROUPS = ShippedMappings.groups("demo");

    private static final FakeReferences REFERENCES = new FakeReferences()
            .with("User", BJENSEN_ID, BJENSEN_DN, "Babs Jensen")
            .with("User", JSMITH_ID, JSMITH_DN, "Jim Smith")
            .with("Group", ADMINS_ID, ADMINS_DN, "Admins")
            .holding(BJENSEN_DN, ADMINS_ID);

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static JsonNode jsonNode(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Entry entry(String dn, Attribute... attributes) {
        return new Entry(dn, attributes);
    }

    static Entry bjensen(Attribute... extra) {
        Entry entry = entry(BJENSEN_DN,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "scimBridgeAux"),
                // Directories differ in the case of entryUUID; SCIM ids are lower case.
                new Attribute("entryUUID", BJENSEN_ID.toUpperCase()),
                new Attribute("uid", "bjensen"),
                new Attribute("scimExternalId", "ext-701984"),
                new Attribute("cn", "Barbara Jensen"),
                new Attribute("givenName", "Barbara"),
                new Attribute("sn", "Jensen"),
                new Attribute("displayName", "Babs Jensen"),
                new Attribute("title", "Tour Guide"),
                new Attribute("userPassword", "{SSHA}c2VjcmV0"),
                new Attribute("mail", "bjensen@example.com", "babs@example.com"),
                new Attribute("telephoneNumber", "+1 555 0100"),
                new Attribute("mobile", "+1 555 0199"),
                new Attribute("street", "100 Universal City Plaza"),
                new Attribute("l", "Hollywood"),
                new Attribute("st", "CA"),
                new Attribute("postalCode", "91608"),
                new Attribute("employeeNumber", "701984"),
                new Attribute("departmentNumber", "Tour Operations"),
                new Attribute("o", "Universal Studios"),
                new Attribute("manager", JSMITH_DN),
                new Attribute("createTimestamp", "20260101120000Z"),
                new Attribute("modifyTimestamp", "20260102133000Z"));
        for (Attribute attribute : extra) {
            entry.setAttribute(attribute);
        }
        return entry;
    }

    private static ObjectNode toScim(ResourceMapping mapping, Entry entry) {
        return mapping.toScim(entry, mapper -> true, REFERENCES);
    }

    @Nested
    class ToScim {
        @Test
        void showsEveryMappedAttributeWithIdMetaAndTheExtensionSchema() {
            ObjectNode user = toScim(USERS, bjensen());
            String version = user.path("meta").path("version").asText();
            assertTrue(version.matches("W/\"[0-9a-f]{24}\""), version);
            ((ObjectNode) user.get("meta")).remove("version");
            assertEquals(json("""
                    {
                      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                      "id": "2819c223-7f76-453a-919d-413861904646",
                      "userName": "bjensen",
                      "externalId": "ext-701984",
                      "name": {"givenName": "Barbara", "familyName": "Jensen"},
                      "displayName": "Babs Jensen",
                      "title": "Tour Guide",
                      "active": true,
                      "emails": [
                        {"type": "work", "value": "bjensen@example.com", "primary": true},
                        {"type": "work", "value": "babs@example.com"}
                      ],
                      "phoneNumbers": [
                        {"type": "work", "value": "+1 555 0100"},
                        {"type": "mobile", "value": "+1 555 0199"}
                      ],
                      "addresses": [
                        {"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                         "region": "CA", "postalCode": "91608"}
                      ],
                      "groups": [
                        {"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Admins", "type": "direct",
                         "$ref": "https://scim.example.test/scim/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a"}
                      ],
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                        "employeeNumber": "701984",
                        "department": "Tour Operations",
                        "organization": "Universal Studios",
                        "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "Jim Smith",
                          "$ref": "https://scim.example.test/scim/v2/Users/26118915-6090-4610-87e4-49d8ca9f808d"}
                      },
                      "meta": {
                        "resourceType": "User",
                        "created": "2026-01-01T12:00:00Z",
                        "lastModified": "2026-01-02T13:30:00Z",
                        "location": "https://scim.example.test/scim/v2/Users/2819c223-7f76-453a-919d-413861904646"
                      }
                    }
                    """), user);
        }

        @Test
        void aUserWithoutExtensionValuesListsOnlyTheCoreSchema() {
            Entry entry = entry(BJENSEN_DN, new Attribute("entryUUID", BJENSEN_ID), new Attribute("uid", "bjensen"));
            ObjectNode user = toScim(USERS, entry);
            assertEquals(jsonNode("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"), user.get("schemas"));
            assertFalse(user.has(ENTERPRISE));
            assertFalse(user.has("emails"));
            assertFalse(user.path("meta").has("created"));
        }

        @Test
        void aLockedAccountIsInactiveWhateverTheLockValue() {
            assertFalse(toScim(USERS, bjensen(new Attribute("pwdAccountLockedTime", LOCKED))).get("active").asBoolean());
            Entry lockedByPolicy = bjensen(new Attribute("pwdAccountLockedTime", "20260301101500Z"));
            assertEquals(JSON.getNodeFactory().booleanNode(false), toScim(USERS, lockedByPolicy).get("active"));
        }

        @Test
        void passwordsAreNeverShown() {
            ObjectNode user = toScim(USERS, bjensen());
            assertFalse(user.has("password"));
            assertFalse(user.toString().contains("c2VjcmV0"));
        }

        @Test
        void onlyTheChosenMappersAreShown() {
            ObjectNode user = USERS.toScim(bjensen(), m -> m.path().attribute().equals("userName"), REFERENCES);
            assertEquals(Set.of("schemas", "id", "userName", "meta"), fieldNames(user));
        }

        @Test
        void theVersionFollowsTheVersionAttributesAndTheDn() {
            String version = USERS.version(bjensen());
            assertEquals(version, toScim(USERS, bjensen()).path("meta").path("version").asText());
            assertEquals(version, USERS.version(bjensen(new Attribute("title", "Manager"))));
            assertNotEquals(version, USERS.version(bjensen(new Attribute("modifyTimestamp", "20260102133001Z"))));
            Entry renamed = bjensen();
            renamed.setDN("uid=babs,ou=people,dc=example,dc=com");
            assertNotEquals(version, USERS.version(renamed));
        }

        @Test
        void groupMembersAreShownByIdAndTypeWithoutThePlaceholder() {
            Entry admins = entry(ADMINS_DN, new Attribute("entryUUID", ADMINS_ID), new Attribute("cn", "Admins"),
                    new Attribute("member", BJENSEN_DN, "cn=empty-group-placeholder,dc=example,dc=com",
                            "uid=unknown,ou=people,dc=example,dc=com", "not a DN"));
            ObjectNode group = toScim(GROUPS, admins);
            assertEquals(jsonNode("""
                    [{"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User",
                      "$ref": "https://scim.example.test/scim/v2/Users/2819c223-7f76-453a-919d-413861904646"}]
                    """), group.get("members"));
            assertEquals("Admins", group.get("displayName").asText());
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class NewEntry {
        @Test
        void theRdnEscapesTheUserName() throws LDAPException {
            Entry entry = USERS.newEntry(json("{\"userName\": \"ann+sales@example.com\"}"), REFERENCES);
            assertEquals("uid=ann\\+sales@example.com,ou=people,dc=example,dc=com", entry.getDN());
            DN parsed = entry.getParsedDN();
            assertEquals(new RDN("uid", "ann+sales@example.com"), parsed.getRDN());
            assertEquals(new DN("ou=people,dc=example,dc=com"), parsed.getParent());
            assertTrue(entry.hasAttributeValue("uid", "ann+sales@example.com"));
        }

        @Test
        void theRdnEscapesAGroupName() throws LDAPException {
            Entry entry = GROUPS.newEntry(json("{\"displayName\": \"R&D, Europe\"}"), REFERENCES);
            assertEquals("cn=R&D\\, Europe,ou=groups,dc=example,dc=com", entry.getDN());
            assertEquals(new RDN("cn", "R&D, Europe"), entry.getParsedDN().getRDN());
            assertArrayEquals(new String[] {"R&D, Europe"}, entry.getAttributeValues("cn"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"a,b=c+d\\\\e", " leading and trailing ", "#hash", "quote\\\"s", "<angle>;semi", "ü ñ 漢字"})
        void anyUserNameMakesADnThatParsesBackToIt(String jsonString) throws Exception {
            String userName = JSON.readTree("\"" + jsonString + "\"").textValue();
            Entry entry = USERS.newEntry(json("{\"userName\": \"" + jsonString + "\"}"), REFERENCES);
            DN reparsed = new DN(entry.getDN());
            assertEquals(userName, reparsed.getRDN().getAttributeValues()[0]);
            assertEquals(new DN("ou=people,dc=example,dc=com"), reparsed.getParent());
        }

        @Test
        void requiredAttributesFallBackToTheirDefaults() {
            Entry entry = USERS.newEntry(json("{\"userName\": \"ann\"}"), REFERENCES);
            assertArrayEquals(new String[] {"ann"}, entry.getAttributeValues("cn"));
            assertArrayEquals(new String[] {"ann"}, entry.getAttributeValues("sn"));
            Entry named = USERS.newEntry(json("""
                    {"userName": "ann", "displayName": "Ann Smith", "name": {"familyName": "Smith"}}
                    """), REFERENCES);
            assertArrayEquals(new String[] {"Ann Smith"}, named.getAttributeValues("cn"));
            assertArrayEquals(new String[] {"Smith"}, named.getAttributeValues("sn"));
        }

        @Test
        void getsTheConfiguredObjectClassesAndMappedValues() {
            Entry entry = USERS.newEntry(json("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                     "userName": "ann", "password": "pa55word", "active": false,
                     "emails": [{"type": "work", "value": "ann@example.com"}, {"type": "home", "value": "ann@home.example"}],
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                       "employeeNumber": "42", "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}}}
                    """), REFERENCES);
            assertEquals(Set.of("top", "person", "organizationalPerson", "inetOrgPerson", "scimBridgeAux"),
                    Set.of(entry.getObjectClassValues()));
            assertArrayEquals(new String[] {"ann@example.com"}, entry.getAttributeValues("mail"));
            assertArrayEquals(new String[] {"pa55word"}, entry.getAttributeValues("userPassword"));
            assertArrayEquals(new String[] {LOCKED}, entry.getAttributeValues("pwdAccountLockedTime"));
            assertArrayEquals(new String[] {"42"}, entry.getAttributeValues("employeeNumber"));
            assertArrayEquals(new String[] {JSMITH_DN}, entry.getAttributeValues("manager"));
            assertFalse(entry.hasAttribute("title"));
        }

        @Test
        void anActiveUserGetsNoLock() {
            assertFalse(USERS.newEntry(json("{\"userName\": \"ann\", \"active\": true}"), REFERENCES)
                    .hasAttribute("pwdAccountLockedTime"));
            assertFalse(USERS.newEntry(json("{\"userName\": \"ann\"}"), REFERENCES).hasAttribute("pwdAccountLockedTime"));
        }

        @Test
        void anUntypedLoneEmailIsTakenAsTheWorkEmail() {
            Entry entry = USERS.newEntry(json("{\"userName\": \"ann\", \"emails\": [{\"value\": \"ann@example.com\"}]}"),
                    REFERENCES);
            assertArrayEquals(new String[] {"ann@example.com"}, entry.getAttributeValues("mail"));
        }

        @Test
        void aNewGroupWithoutMembersHoldsThePlaceholder() {
            Entry entry = GROUPS.newEntry(json("{\"displayName\": \"Empty\", \"members\": []}"), REFERENCES);
            assertArrayEquals(new String[] {"cn=empty-group-placeholder,dc=example,dc=com"},
                    entry.getAttributeValues("member"));
            assertEquals(Set.of("top", "groupOfNames", "scimBridgeAux"), Set.of(entry.getObjectClassValues()));
            Entry withMember = GROUPS.newEntry(json("""
                    {"displayName": "Admins", "members": [{"value": "2819c223-7f76-453a-919d-413861904646"}]}
                    """), REFERENCES);
            assertArrayEquals(new String[] {BJENSEN_DN}, withMember.getAttributeValues("member"));
        }

        @Test
        void aMissingNamingValueIsInvalidValue() {
            ScimException e = assertThrows(ScimException.class,
                    () -> USERS.newEntry(json("{\"displayName\": \"Ann\"}"), REFERENCES));
            assertEquals(ScimType.invalidValue, e.scimType());
            assertTrue(e.detail().contains("userName"), e.detail());
        }

        @Test
        void aReferenceToAnUnknownIdIsInvalidValue() {
            ScimException e = assertThrows(ScimException.class, () -> GROUPS.newEntry(
                    json("{\"displayName\": \"G\", \"members\": [{\"value\": \"no-such-id\"}]}"), REFERENCES));
            assertEquals(ScimType.invalidValue, e.scimType());
        }
    }

    @Nested
    class DesiredAttributes {
        private Map<String, Attribute> put(String resource, Entry current) {
            return USERS.desiredAttributes(json(resource), current, REFERENCES);
        }

        @Test
        void anAbsentAttributeIsWantedWithoutValues() {
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\"}", bjensen());
            for (String cleared : List.of("title", "mail", "givenname", "telephonenumber", "street", "employeenumber",
                    "manager", "scimexternalid")) {
                assertTrue(desired.containsKey(cleared), cleared);
                assertFalse(desired.get(cleared).hasValue(), cleared);
            }
            assertArrayEquals(new String[] {"bjensen"}, desired.get("uid").getValues());
        }

        @Test
        void aRequiredAttributeLeftOutFallsBackToItsDefault() {
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\"}", bjensen());
            assertArrayEquals(new String[] {"bjensen"}, desired.get("sn").getValues());
        }

        @Test
        void unwritableAndUnsentPasswordsAreLeftAlone() {
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\"}", bjensen());
            assertFalse(desired.containsKey("userpassword"), "a PUT without password keeps it");
            assertFalse(desired.keySet().stream().anyMatch(k -> k.equals("memberof")));
            assertEquals(desired.keySet(), Set.copyOf(desired.keySet().stream().map(String::toLowerCase).toList()));
        }

        @ParameterizedTest(name = "active: {0}")
        @ValueSource(strings = {"false", "\"False\"", "\"FALSE\""})
        void inactiveLocksTheAccount(String active) {
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\", \"active\": " + active + "}", bjensen());
            assertArrayEquals(new String[] {LOCKED}, desired.get("pwdaccountlockedtime").getValues());
        }

        @ParameterizedTest(name = "active: {0}")
        @ValueSource(strings = {"true", "\"True\""})
        void activeUnlocksTheAccount(String active) {
            Entry locked = bjensen(new Attribute("pwdAccountLockedTime", "20260301101500Z"));
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\", \"active\": " + active + "}", locked);
            assertFalse(desired.get("pwdaccountlockedtime").hasValue());
        }

        @Test
        void lockingALockedAccountKeepsItsLockValue() {
            Entry locked = bjensen(new Attribute("pwdAccountLockedTime", "20260301101500Z"));
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\", \"active\": false}", locked);
            assertArrayEquals(new String[] {"20260301101500Z"}, desired.get("pwdaccountlockedtime").getValues());
        }

        @Test
        void aPutWithoutActiveKeepsTheLock() {
            // ppolicy locks an account after failed binds; a PUT that does not mention active must not lift that.
            Entry locked = bjensen(new Attribute("pwdAccountLockedTime", "20260301101500Z"));
            Map<String, Attribute> desired = put("{\"userName\": \"bjensen\"}", locked);
            Attribute lock = desired.get("pwdaccountlockedtime");
            assertTrue(lock == null || lock.equals(locked.getAttribute("pwdAccountLockedTime")), String.valueOf(lock));
        }

        @ParameterizedTest(name = "active: {0}")
        @ValueSource(strings = {"\"nope\"", "1", "\"\"", "{}", "[true, false]"})
        void aValueThatIsNoBooleanIsInvalidValue(String active) {
            ScimException e = assertThrows(ScimException.class,
                    () -> put("{\"userName\": \"bjensen\", \"active\": " + active + "}", bjensen()));
            assertEquals(ScimType.invalidValue, e.scimType());
            assertEquals(400, e.status());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"userName\": [\"bjensen\", \"babs\"]}",
                "{\"userName\": \"bjensen\", \"name\": [{\"givenName\": \"B\"}, {\"givenName\": \"Babs\"}]}",
                "{\"userName\": \"bjensen\", \"password\": [\"x\"]}",
                "{\"userName\": \"bjensen\", \"active\": [true]}",
                "{\"userName\": [\"bjensen\"]}",
                "{\"userName\": \"bjensen\", \"name\": \"Babs\"}",
                "{\"userName\": \"bjensen\", \"emails\": [\"b@example.com\"]}",
                "{\"userName\": true}",
                "{\"userName\": \"bj\\u0007ensen\"}",
                "{\"userName\": \"bj\\ud800ensen\"}",
        })
        void valuesOfTheWrongShapeAreInvalidValue(String resource) {
            ScimException e = assertThrows(ScimException.class, () -> put(resource, bjensen()));
            assertEquals(ScimType.invalidValue, e.scimType());
        }

        @Test
        void textIsStoredInUnicodeNormalFormC() {
            Map<String, Attribute> decomposed = put("{\"userName\": \"jose\u0301@example.com\"}", bjensen());
            assertEquals("jos\u00e9@example.com", decomposed.get("uid").getValue());
        }

        @Test
        void valuesOfTheMappedTypeAreWrittenAndOthersIgnored() {
            Map<String, Attribute> desired = put("""
                    {"userName": "bjensen",
                     "emails": [{"type": "home", "value": "home@example.com"},
                                {"type": "work", "value": "b@example.com"},
                                {"type": "Work", "value": "c@example.com"}],
                     "phoneNumbers": [{"type": "mobile", "value": "+49 1"}]}
                    """, bjensen());
            assertArrayEquals(new String[] {"b@example.com", "c@example.com"}, desired.get("mail").getValues());
            assertArrayEquals(new String[] {"+49 1"}, desired.get("mobile").getValues());
            assertFalse(desired.get("telephonenumber").hasValue());
        }

        @Test
        void attributeNamesAndSchemaUrnsMatchInAnyCase() {
            Map<String, Attribute> desired = put("""
                    {"USERNAME": "bjensen", "Title": "Boss",
                     "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {"EmployeeNumber": "7"}}
                    """, bjensen());
            assertArrayEquals(new String[] {"bjensen"}, desired.get("uid").getValues());
            assertArrayEquals(new String[] {"Boss"}, desired.get("title").getValues());
            assertArrayEquals(new String[] {"7"}, desired.get("employeenumber").getValues());
        }
    }

    @Nested
    class BitFlagInActiveDirectory {
        private final ResourceMapping adUsers = ShippedMappings.users("active-directory");
        private static final String DN = "CN=Ann,CN=Users,DC=example,DC=test";

        private long userAccountControl(String resource, Entry current) {
            Attribute attribute = adUsers.desiredAttributes(json(resource), current, REFERENCES).get("useraccountcontrol");
            return Long.parseLong(attribute.getValue());
        }

        private Entry withFlags(long flags) {
            return entry(DN, new Attribute("userAccountControl", Long.toString(flags)));
        }

        @Test
        void disablingSetsOnlyTheAccountDisableBit() {
            // 66048 = NORMAL_ACCOUNT (512) | DONT_EXPIRE_PASSWORD (65536); ACCOUNTDISABLE is 2.
            assertEquals(66050, userAccountControl("{\"userName\": \"ann\", \"active\": false}", withFlags(66048)));
        }

        @Test
        void enablingClearsOnlyTheAccountDisableBit() {
            assertEquals(66048, userAccountControl("{\"userName\": \"ann\", \"active\": true}", withFlags(66050)));
            assertEquals(66048, userAccountControl("{\"userName\": \"ann\", \"active\": \"True\"}", withFlags(66050)));
        }

        @Test
        void activeLeftOutKeepsTheFlags() {
            assertEquals(66050, userAccountControl("{\"userName\": \"ann\"}", withFlags(66050)));
        }

        @Test
        void aNewAccountStartsFromNormalAccount() {
            Entry enabled = adUsers.newEntry(json("{\"userName\": \"ann@example.test\", \"active\": true}"), REFERENCES);
            assertEquals("512", enabled.getAttributeValue("userAccountControl"));
            Entry disabled = adUsers.newEntry(json("{\"userName\": \"ann@example.test\", \"active\": false}"), REFERENCES);
            assertEquals("514", disabled.getAttributeValue("userAccountControl"));
        }

        @ParameterizedTest(name = "userAccountControl {0} -> active {1}")
        @CsvSource({"512, true", "514, false", "66048, true", "66050, false", "546, false"})
        void activeReadsTheAccountDisableBit(long flags, boolean active) {
            Entry entry = withFlags(flags);
            entry.addAttribute("objectGUID", HexFormat.of().parseHex("d3a3da690fe11f429cccb1c586444e14"));
            assertEquals(active, adUsers.toScim(entry, m -> true, REFERENCES).get("active").booleanValue());
        }

        @Test
        void aNewAccountGetsItsPasswordAsUnicodePwdAndItsDefaults() {
            Entry entry = adUsers.newEntry(json("{\"userName\": \"ann@example.test\", \"password\": \"Pa55w\u00f6rd\"}"),
                    REFERENCES);
            assertArrayEquals("\"Pa55w\u00f6rd\"".getBytes(StandardCharsets.UTF_16LE), entry.getAttributeValueBytes("unicodePwd"));
            assertEquals("CN=ann@example.test,CN=Users,DC=example,DC=test", entry.getDN());
            assertEquals("ann@example.test", entry.getAttributeValue("sn"));
            // sAMAccountName is derived, and checked against the directory, when the service creates the entry.
            assertEquals("ann", adUsers.derivedNames().get(0).candidates(
                    path -> adUsers.firstText(json("{\"userName\": \"ann@example.test\"}"), path)).get(0));
        }
    }

    @Nested
    class Ids {
        private static final byte[] GUID_BYTES = HexFormat.of().parseHex("d3a3da690fe11f429cccb1c586444e14");
        private static final String GUID_TEXT = "69daa3d3-e10f-421f-9ccc-b1c586444e14";
        private final IdCodec objectGuid = new IdCodec("objectGUID", IdFormat.objectGUID);
        private final IdCodec entryUuid = new IdCodec("entryUUID", IdFormat.text);

        @Test
        void anObjectGuidReadsInMicrosoftsTextForm() {
            Entry entry = entry("CN=Ann,CN=Users,DC=example,DC=test", new Attribute("objectGUID", GUID_BYTES));
            assertEquals(GUID_TEXT, objectGuid.read(entry));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {GUID_TEXT, "69DAA3D3-E10F-421F-9CCC-B1C586444E14"})
        void anObjectGuidIdFindsTheEntryByItsBytes(String id) {
            Filter filter = objectGuid.filterFor(id);
            assertEquals(Filter.FILTER_TYPE_EQUALITY, filter.getFilterType());
            assertEquals("objectGUID", filter.getAttributeName());
            assertArrayEquals(GUID_BYTES, filter.getAssertionValueBytes());
        }

        @Test
        void anObjectGuidRoundTrips() {
            byte[] raw = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
            Entry entry = entry("CN=x,DC=example,DC=test", new Attribute("objectGUID", raw));
            assertArrayEquals(raw, objectGuid.filterFor(objectGuid.read(entry)).getAssertionValueBytes());
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"bjensen", "", "69daa3d3e10f421f9cccb1c586444e14", "1-2-3-4-5",
                "69daa3d3-e10f-421f-9ccc-b1c586444e14-00", "{69daa3d3-e10f-421f-9ccc-b1c586444e14}"})
        void anIdThatIsNoGuidFindsNothing(String id) {
            assertNull(objectGuid.filterFor(id));
        }

        @Test
        void anObjectGuidOfTheWrongLengthIsNoId() {
            Entry entry = entry("CN=x,DC=example,DC=test", new Attribute("objectGUID", new byte[15]));
            assertNull(objectGuid.read(entry));
            assertNull(objectGuid.read(entry("CN=y,DC=example,DC=test")));
        }

        @Test
        void aTextIdIsReadInLowerCaseAndSearchedAsGiven() {
            Entry entry = entry(BJENSEN_DN, new Attribute("entryUUID", BJENSEN_ID.toUpperCase()));
            assertEquals(BJENSEN_ID, entryUuid.read(entry));
            assertEquals(Filter.createEqualityFilter("entryUUID", BJENSEN_ID), entryUuid.filterFor(BJENSEN_ID));
            assertNull(entryUuid.filterFor(""));
            assertNull(entryUuid.filterFor("x".repeat(257)));
        }
    }
}
