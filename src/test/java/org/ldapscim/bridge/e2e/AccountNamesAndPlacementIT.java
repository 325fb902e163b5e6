package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ldapscim.bridge.config.ResourceMappingConfig.CreateConfig;
import org.ldapscim.bridge.config.ResourceMappingConfig.PlacementConfig;
import org.ldapscim.bridge.testsupport.AdShapedDirectory;
import org.ldapscim.bridge.testsupport.PresetBridge;
import org.ldapscim.bridge.testsupport.ScimClient;

/**
 * The {@code active-directory} preset on an in-memory directory with AD's schema: sAMAccountName derived from the
 * userName's local part (at most 20 characters, AD's forbidden characters gone, unique in the whole domain, made
 * once), and new users placed in an OU by department through a value map, then a template, then CN=Users.
 */
class AccountNamesAndPlacementIT {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String DOMAIN = AdShapedDirectory.DOMAIN;
    private static final String STAFF = "OU=Staff," + DOMAIN;
    private static final String SALES = "OU=Sales," + STAFF;
    private static final String ENGINEERING = "OU=Engineering," + STAFF;
    private static final String RESEARCH = "OU=Forschung & Entwicklung\\, Berlin," + STAFF;
    private static final String OUTSIDE = "OU=Outside," + DOMAIN;

    @AutoClose
    private static AdShapedDirectory directory;
    @AutoClose
    private static PresetBridge bridge;
    private static ScimClient scim;

    @BeforeAll
    static void start() {
        directory = AdShapedDirectory.start(STAFF, SALES, ENGINEERING, RESEARCH, OUTSIDE);
        bridge = PresetBridge.start("active-directory", directory.ldapConfig(), "placement-it-token-7c21",
                AdShapedDirectory.inMemory(config -> !config.resourceType().equals("User") ? config
                        : AdShapedDirectory.withCreate(AdShapedDirectory.withBaseDns(config,
                                List.of(AdShapedDirectory.USERS, STAFF)), create -> new CreateConfig(create.rdn(),
                                create.parent(), create.defaults(), create.derived(), new PlacementConfig(
                                        ENTERPRISE + ":department", Map.of("Sales", SALES),
                                        "OU={value}," + STAFF)))));
        scim = bridge.scim();
    }

    private static ObjectNode user(String userName, String displayName, String department) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE);
        user.put("userName", userName);
        user.put("displayName", displayName);
        if (department != null) {
            user.putObject(ENTERPRISE).put("department", department);
        }
        return user;
    }

    private static JsonNode create(String userName, String displayName, String department) {
        return scim.post("/Users", user(userName, displayName, department).toString()).expect(201);
    }

    private static SearchResultEntry entryOf(JsonNode resource) {
        try {
            List<SearchResultEntry> found = directory.server().search(DOMAIN, SearchScope.SUB,
                    "(entryUUID=" + resource.get("id").asText() + ")", "*", "+").getSearchEntries();
            assertEquals(1, found.size(), "one entry has the id");
            return found.get(0);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accountName(JsonNode resource) {
        return entryOf(resource).getAttributeValue("sAMAccountName");
    }

    private static String parentOf(JsonNode resource) {
        try {
            return entryOf(resource).getParsedDN().getParent().toString();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameDn(String expected, String actual) {
        try {
            return new DN(expected).equals(new DN(actual));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void collidingLocalPartsGetACounterAndTheNameStaysPutOnRename() {
        JsonNode first = create("j.smith@sales.example.test", "John Smith", null);
        JsonNode second = create("J.Smith@engineering.example.test", "Jane Smith", null);
        assertEquals("j.smith", accountName(first));
        assertEquals("J.Smith2", accountName(second), "sAMAccountName compares ignoring case, so this collides");

        String patch = """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "replace", "path": "userName", "value": "john.smithson@example.test"},
                  {"op": "replace", "path": "displayName", "value": "John Smithson"}]}""";
        scim.patch("/Users/" + first.get("id").asText(), patch).expect(200);
        assertEquals("j.smith", accountName(first), "a rename leaves the logon name alone");
        scim.put("/Users/" + second.get("id").asText(), user("jane@example.test", "Jane Smith", null).toString())
                .expect(200);
        assertEquals("J.Smith2", accountName(second), "so does a PUT");
    }

    @Test
    void createsRacingForOneNameGetDistinctNames() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<JsonNode>> racing = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String userName = "racer@domain" + i + ".example.test";
                String displayName = "Racer " + i;
                racing.add(pool.submit(() -> create(userName, displayName, null)));
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (java.util.concurrent.Future<JsonNode> user : racing) {
                names.add(accountName(user.get()).toLowerCase(java.util.Locale.ROOT));
            }
            assertEquals(java.util.Set.of("racer", "racer2", "racer3", "racer4", "racer5", "racer6", "racer7",
                    "racer8"), names);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNameHeldAnywhereInTheDomainIsTakenEvenOutsideTheBaseDns() {
        directory.add("dn: CN=ws-kim,OU=Outside," + DOMAIN, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: user", "cn: ws-kim", "sn: x",
                "sAMAccountName: kim.lee");
        scim.post("/Groups", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + " \"displayName\": \"kim.lee2\"}").expect(201);
        JsonNode user = create("kim.lee@example.test", "Kim Lee", null);
        assertEquals("kim.lee3", accountName(user), "an entry outside the bases and a group share the names");
    }

    @Test
    void longNamesAreCutToTwentyWithTheCounterInside() {
        String local = "averyveryverylongfirstname.averyveryverylongfamilyname.and.more"; // 63 characters
        JsonNode first = create(local + "@example.test", "Long One", null);
        JsonNode second = create(local + "@other.example.test", "Long Two", null);
        JsonNode third = create("averyveryverylongfi..x@example.test", "Long Three", null);
        assertEquals("averyveryverylongfir", accountName(first));
        assertEquals("averyveryverylongfi2", accountName(second));
        assertEquals("averyveryverylongfi", accountName(third), "the trailing dots the cut leaves go");
    }

    @Test
    void adsForbiddenCharactersGoAndRdnSpecialsStayEscapedInTheDn() {
        JsonNode user = create("\"o'hara\"/[x]:;|=,+*?<>#1@example.test", "O'Hara, Jr. + <Sales>", null);
        assertEquals("o'harax#1", accountName(user));
        assertTrue(sameDn(AdShapedDirectory.USERS, parentOf(user)));
        assertEquals("O'Hara, Jr. + <Sales>", entryOf(user).getAttributeValue("cn"));
    }

    @Test
    void unicodeNamesAreKept() {
        JsonNode user = create("jörg.müller-李@example.test", "Jörg Müller", null);
        assertEquals("jörg.müller-李", accountName(user));
    }

    @Test
    void aNameThatCleansToNothingIsRefusedAndNothingIsWritten() {
        for (String userName : List.of("@example.test", "...@example.test", "[]:;|=,+*?<>@example.test",
                "\u200b\u00ad@example.test")) {
            JsonNode error = scim.post("/Users", user(userName, "Nobody " + userName.length(), null).toString())
                    .expectError(400, "invalidValue");
            assertTrue(error.get("detail").asText().contains("sAMAccountName"), error.toString());
        }
        try {
            assertEquals(0, directory.server().search(DOMAIN, SearchScope.SUB, "(cn=Nobody*)", "1.1")
                    .getEntryCount(), "no entry was written");
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDisplayNameTakenByAnotherUserIs409NamingTheRdnAndWhereItComesFrom() {
        String holder = create("twin.one@example.test", "Twin Name", null).get("id").asText();
        String expected = "CN=Twin Name already exists under " + AdShapedDirectory.USERS
                + ": the entry's name comes from displayName; it is User " + holder;
        JsonNode refused = scim.post("/Users", user("twin.two@example.test", "Twin Name", null).toString())
                .expectError(409, "uniqueness");
        assertEquals(expected, refused.get("detail").asText());

        String other = create("twin.three@example.test", "Twin Other", null).get("id").asText();
        JsonNode renameRefused = scim.patch("/Users/" + other, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                + "PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Twin Name\"}]}")
                .expectError(409, "uniqueness");
        assertEquals("CN=Twin Name already exists under " + AdShapedDirectory.USERS
                + ": the entry's name comes from displayName or userName; it is User " + holder,
                renameRefused.get("detail").asText());
    }

    @Test
    void whenEveryCandidateIsTakenTheCreateIs409() {
        for (int i = 1; i <= 50; i++) {
            directory.add("dn: CN=taken" + i + "," + OUTSIDE, "objectClass: top", "objectClass: group",
                    "cn: taken" + i, "sAMAccountName: busy" + (i == 1 ? "" : Integer.toString(i)));
        }
        scim.post("/Users", user("busy@example.test", "Busy Bee", null).toString()).expectError(409, "uniqueness");
        assertNull(directory.entry("CN=Busy Bee," + AdShapedDirectory.USERS));
    }

    @Test
    void groupsGetAUniqueNameToo() {
        JsonNode first = scim.post("/Groups", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + " \"displayName\": \"Team/EU\"}").expect(201);
        JsonNode second = scim.post("/Groups", "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + " \"displayName\": \"Team[EU]\"}").expect(201);
        assertEquals("TeamEU", accountName(first));
        assertEquals("TeamEU2", accountName(second));
    }

    @Test
    void theDepartmentPlacesTheUserByTheMapThenTheTemplateElseInUsers() {
        assertTrue(sameDn(SALES, parentOf(create("ann@example.test", "Ann Sales", "Sales"))));
        assertTrue(sameDn(SALES, parentOf(create("bob@example.test", "Bob Sales", "SALES"))), "the map ignores case");
        assertTrue(sameDn(ENGINEERING, parentOf(create("cy@example.test", "Cy Eng", "Engineering"))));
        assertTrue(sameDn(RESEARCH, parentOf(create("di@example.test", "Di Research",
                "Forschung & Entwicklung, Berlin"))), "the value is one escaped RDN value");
        assertTrue(sameDn(AdShapedDirectory.USERS, parentOf(create("ed@example.test", "Ed Mkt", "Marketing"))),
                "a department without an OU lands in CN=Users");
        assertTrue(sameDn(AdShapedDirectory.USERS, parentOf(create("fay@example.test", "Fay None", null))));
    }

    @Test
    void aHostileDepartmentNeverLeavesTheBases() {
        for (String department : List.of("Sales,OU=Outside", "x,OU=Outside,DC=example,DC=test", "+", "#x", " ",
                "=", "\\", "Outside", "OU=Outside")) {
            JsonNode user = create("h" + Integer.toHexString(department.hashCode()) + "@example.test",
                    "Hostile " + Integer.toHexString(department.hashCode()), department);
            String parent = parentOf(user);
            assertTrue(sameDn(AdShapedDirectory.USERS, parent), department + " placed the user under " + parent);
        }
    }

    @Test
    void aLaterChangeOfDepartmentDoesNotMoveTheUser() {
        JsonNode user = create("gil@example.test", "Gil Move", "Sales");
        String id = user.get("id").asText();
        String patch = """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "replace", "path": "%s:department", "value": "Engineering"}]}""".formatted(ENTERPRISE);
        JsonNode patched = scim.patch("/Users/" + id, patch).expect(200);
        assertEquals("Engineering", patched.get(ENTERPRISE).get("department").asText());
        assertTrue(sameDn(SALES, parentOf(user)), "placement is made on create only");
    }
}
