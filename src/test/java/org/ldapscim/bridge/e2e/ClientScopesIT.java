package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_PATCH;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.auth.TokenHash;
import org.ldapscim.bridge.config.ClientConfig;
import org.ldapscim.bridge.config.ClientScopeConfig;
import org.ldapscim.bridge.config.ClientScopeConfig.Access;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimClient;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/**
 * Two tenants under one mapping, each confined by {@code scopes} to its own OU of ou=people and of ou=groups,
 * beside the demo entries that lie in neither: whatever a tenant asks for - ids, filters, searches, paging,
 * references, bulk operations - it never sees or changes an entry outside its OUs, and a foreign entry looks
 * exactly like one that does not exist. Also a read-only client and one that may change only some attributes.
 */
class ClientScopesIT {
    private static final String A_PEOPLE = "ou=a,ou=people,dc=example,dc=com";
    private static final String B_PEOPLE = "ou=b,ou=people,dc=example,dc=com";
    private static final String A_GROUPS = "ou=a,ou=groups,dc=example,dc=com";
    private static final String B_GROUPS = "ou=b,ou=groups,dc=example,dc=com";
    private static final String ANN = "uid=ann@a.test," + A_PEOPLE;
    private static final String ABE = "uid=abe@a.test," + A_PEOPLE;
    private static final String BOB = "uid=bob@b.test," + B_PEOPLE;
    private static final String HELENA = BridgeUnderTest.userDn("helena.marsh@example.com");
    private static final String TEAM_A = "cn=team-a," + A_GROUPS;
    private static final String TEAM_B = "cn=team-b," + B_GROUPS;
    private static final String TOKEN_A = TestSecret.SCOPES_TENANT_A_TOKEN.value();
    private static final String TOKEN_B = TestSecret.SCOPES_TENANT_B_TOKEN.value();
    private static final String TOKEN_READER = TestSecret.SCOPES_READER_TOKEN.value();
    private static final String TOKEN_LIMITED = TestSecret.SCOPES_LIMITED_TOKEN.value();

    @RegisterExtension
    static final BridgeUnderTest bridge = BridgeUnderTest.withClients(
            tenant("tenant-a", TOKEN_A, A_PEOPLE, A_GROUPS), tenant("tenant-b", TOKEN_B, B_PEOPLE, B_GROUPS),
            new ClientConfig("reader", List.of(TokenHash.of(TOKEN_READER)), "lenient", null, null, null, null,
                    null, Map.of("User", new ClientScopeConfig(Access.read, null, null))),
            new ClientConfig("limited", List.of(TokenHash.of(TOKEN_LIMITED)), "lenient", null, null, null, null, null,
                    Map.of("User", new ClientScopeConfig(Access.write, List.of(A_PEOPLE),
                            List.of("name", "emails", "active")))));

    private ScimClient a;
    private ScimClient b;

    private static ClientConfig tenant(String name, String token, String people, String groups) {
        return new ClientConfig(name, List.of(TokenHash.of(token)), "lenient", null, null, null, null, null, Map.of(
                "User", new ClientScopeConfig(Access.write, List.of(people), null),
                "Group", new ClientScopeConfig(Access.write, List.of(groups), null)));
    }

    @BeforeEach
    void tenants() {
        for (String ou : List.of(A_PEOPLE, B_PEOPLE, A_GROUPS, B_GROUPS)) {
            bridge.addEntry("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, 4));
        }
        for (String dn : List.of(ANN, ABE, BOB)) {
            String uid = dn.substring(4, dn.indexOf(','));
            bridge.addEntry("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                    "mail: " + uid, "title: Engineer");
        }
        bridge.addEntry("dn: " + TEAM_A, "objectClass: groupOfNames", "cn: team-a", "member: " + ANN, "member: " + BOB,
                "member: " + HELENA);
        bridge.addEntry("dn: " + TEAM_B, "objectClass: groupOfNames", "cn: team-b", "member: " + BOB);
        a = bridge.client(TOKEN_A);
        b = bridge.client(TOKEN_B);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String id(String dn) {
        return bridge.idOf(dn);
    }

    private static List<String> userNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("Resources").forEach(r -> names.add(r.path("userName").asText(r.path("displayName").asText())));
        return names;
    }

    private static String patch(String operation) {
        return """
                {"schemas": ["%s"], "Operations": [%s]}""".formatted(SCHEMA_PATCH, operation);
    }

    private static List<String> members(String dn) {
        String[] values = bridge.entry(dn).getAttributeValues("member");
        return values == null ? List.of() : List.of(values);
    }

    @Test
    void aTenantListsSearchesSortsAndPagesOnlyItsOwnUsers() {
        JsonNode all = a.get("/Users?sortBy=userName").expect(200);
        assertEquals(2, all.get("totalResults").asInt());
        assertEquals(List.of("abe@a.test", "ann@a.test"), userNames(all));
        JsonNode page = a.get("/Users?sortBy=userName&sortOrder=descending&count=1&startIndex=2").expect(200);
        assertEquals(2, page.get("totalResults").asInt());
        assertEquals(List.of("abe@a.test"), userNames(page));
        for (String filter : List.of("userName eq \"bob@b.test\"", "userName eq \"helena.marsh@example.com\"",
                "id eq \"" + id(BOB) + "\"", "id eq \"" + id(HELENA) + "\"", "title eq \"Engineer\" and userName sw \"b\"",
                "emails.value eq \"bob@b.test\"")) {
            assertEquals(0, a.get("/Users?filter=" + encode(filter)).expect(200).get("totalResults").asInt(), filter);
        }
        JsonNode chain = a.get("/Users?filter=" + encode("userName eq \"bob@b.test\" or userName eq \"ann@a.test\""
                + " or id eq \"" + id(HELENA) + "\" or title eq \"Engineer\"")).expect(200);
        assertEquals(Set.of("ann@a.test", "abe@a.test"), Set.copyOf(userNames(chain)));
        JsonNode searched = a.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "title eq \\"Engineer\\""}
                """).expect(200);
        assertEquals(2, searched.get("totalResults").asInt());
        List<String> walked = new ArrayList<>();
        String cursor = "";
        for (int i = 0; i < 5 && cursor != null; i++) {
            JsonNode body = a.get("/Users?count=1&cursor=" + encode(cursor)).expect(200);
            walked.addAll(userNames(body));
            cursor = body.hasNonNull("nextCursor") ? body.get("nextCursor").asText() : null;
        }
        assertEquals(Set.of("ann@a.test", "abe@a.test"), Set.copyOf(walked));
        String handedToA = a.get("/Users?count=1&cursor=").expect(200).get("nextCursor").asText();
        b.get("/Users?count=1&cursor=" + encode(handedToA)).expectError(400, "invalidCursor");
        assertEquals(List.of("bob@b.test"), userNames(b.get("/Users").expect(200)));
    }

    @Test
    void theSearchAcrossTypesSeesOnlyTheTenantsEntries() {
        JsonNode all = a.post("/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}""").expect(200);
        assertEquals(3, all.get("totalResults").asInt());
        assertEquals(Set.of("ann@a.test", "abe@a.test", "team-a"), Set.copyOf(userNames(all)));
        JsonNode foreign = a.get("/?filter=" + encode("displayName eq \"team-b\" or userName eq \"bob@b.test\""))
                .expect(200);
        assertEquals(0, foreign.get("totalResults").asInt());
    }

    @Test
    void foreignAndCraftedIdsAreNotFoundForEveryMethod() {
        String bobBefore = bridge.entry(BOB).toLDIFString();
        List<String> ids = List.of(id(BOB), id(HELENA), id(TEAM_B), encode(BOB), encode("uid=bob@b.test"),
                encode("*"), encode("x)(objectClass=*"), encode("\\2a"), encode(id(BOB) + ")(uid=*"),
                encode(id(BOB).toUpperCase()));
        for (String foreign : ids) {
            Map<String, String> bodies = Map.of(
                    "/Users/", """
                            {"schemas": ["%s"], "userName": "bob@b.test"}""".formatted(SCHEMA_USER),
                    "/Groups/", """
                            {"schemas": ["%s"], "displayName": "team-b"}""".formatted(SCHEMA_GROUP));
            for (String type : bodies.keySet()) {
                assertEquals(404, a.get(type + foreign).status(), type + foreign);
                assertEquals(404, a.put(type + foreign, bodies.get(type)).status(), type + foreign);
                assertEquals(404, a.patch(type + foreign, patch("""
                        {"op": "replace", "path": "displayName", "value": "taken over"}""")).status(), type + foreign);
                assertEquals(404, a.delete(type + foreign).status(), type + foreign);
            }
        }
        a.get("/Users/" + id(BOB)).expectError(404, null);
        assertEquals(bobBefore, bridge.entry(BOB).toLDIFString());
        assertNotNull(bridge.entry(TEAM_B));
        assertNotNull(bridge.entry(HELENA));
    }

    @Test
    void aGroupShowsOnlyTheTenantsMembersAndAReplaceKeepsTheOthers() {
        // Tenant B's read puts Bob into the reference cache that both tenants share.
        assertEquals(id(BOB), b.get("/Groups/" + id(TEAM_B)).expect(200).get("members").get(0).get("value").asText());
        JsonNode team = a.get("/Groups/" + id(TEAM_A)).expect(200);
        assertEquals(1, team.get("members").size(), team.toString());
        assertEquals(id(ANN), team.get("members").get(0).get("value").asText());
        assertEquals(0, a.get("/Groups?filter=" + encode("members.value eq \"" + id(BOB) + "\"")).expect(200)
                .get("totalResults").asInt());

        a.put("/Groups/" + id(TEAM_A), """
                {"schemas": ["%s"], "displayName": "team-a", "members": [{"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, id(ABE))).expect(200);
        assertEquals(Set.of(ABE, BOB, HELENA), Set.copyOf(members(TEAM_A)));

        a.patch("/Groups/" + id(TEAM_A), patch("""
                {"op": "replace", "path": "members", "value": [{"value": "%s"}]}""".formatted(id(ANN)))).expect(200);
        assertEquals(Set.of(ANN, BOB, HELENA), Set.copyOf(members(TEAM_A)));
        a.patch("/Groups/" + id(TEAM_A), patch("""
                {"op": "remove", "path": "members"}""")).expect(200);
        assertEquals(Set.of(BOB, HELENA), Set.copyOf(members(TEAM_A)));
        a.patch("/Groups/" + id(TEAM_A), patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}""".formatted(id(BOB)))).expect(200);
        assertEquals(Set.of(BOB, HELENA), Set.copyOf(members(TEAM_A)));
    }

    @Test
    void aForeignUserCannotBeMadeAMemberAnywhere() {
        String before = bridge.entry(TEAM_A).toLDIFString();
        a.patch("/Groups/" + id(TEAM_A), patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(id(BOB))))
                .expectError(400, "invalidValue");
        a.put("/Groups/" + id(TEAM_A), """
                {"schemas": ["%s"], "displayName": "team-a", "members": [{"value": "%s"}, {"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, id(ANN), id(HELENA))).expectError(400, "invalidValue");
        assertEquals(before, bridge.entry(TEAM_A).toLDIFString());
        a.post("/Groups", """
                {"schemas": ["%s"], "displayName": "stolen", "members": [{"value": "%s"}]}"""
                .formatted(SCHEMA_GROUP, id(BOB))).expectError(400, "invalidValue");
        assertNull(bridge.entry("cn=stolen," + A_GROUPS));
        a.patch("/Users/" + id(ANN), patch("""
                {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                 "value": {"value": "%s"}}""".formatted(id(BOB)))).expectError(400, "invalidValue");
        assertNull(bridge.entry(ANN).getAttributeValue("manager"));
    }

    @Test
    void newEntriesGoToTheTenantsBaseAndTheJournalNamesTheClient() {
        JsonNode created = a.post("/Users", """
                {"schemas": ["%s"], "userName": "new@a.test", "name": {"familyName": "New"}}""".formatted(SCHEMA_USER))
                .expect(201);
        assertEquals(A_PEOPLE, bridge.dnOfId(created.get("id").asText()).substring("uid=new@a.test,".length()));
        b.get("/Users/" + created.get("id").asText()).expectError(404, null);
        JournalEntry create = bridge.journalEntries().stream()
                .filter(e -> created.get("id").asText().equals(e.resourceId())).findFirst().orElseThrow();
        assertEquals("tenant-a", create.client());
        a.delete("/Users/" + id(ABE)).expectNoContent();
        assertTrue(bridge.journalEntries().stream().anyMatch(e -> "tenant-a".equals(e.client())
                && e.operation() == org.ldapscim.bridge.journal.Operation.DELETE));
    }

    @Test
    void deletionsShowAsTombstonesOnlyToTheTenantWhoseEntryItWas() {
        String bobId = id(BOB);
        String abeId = id(ABE);
        b.delete("/Users/" + bobId).expectNoContent();
        a.delete("/Users/" + abeId).expectNoContent();
        String since = "/Users?filter=" + encode("meta.lastModified gt \"2000-01-01T00:00:00Z\"");
        JsonNode seenByA = a.get(since).expect(200);
        List<String> idsA = new ArrayList<>();
        seenByA.get("Resources").forEach(r -> idsA.add(r.get("id").asText()));
        assertTrue(idsA.contains(abeId), seenByA.toString());
        assertFalse(idsA.contains(bobId), seenByA.toString());
        assertEquals(idsA.size(), seenByA.get("totalResults").asInt());
        JsonNode seenByB = b.get(since).expect(200);
        List<String> idsB = new ArrayList<>();
        seenByB.get("Resources").forEach(r -> idsB.add(r.get("id").asText()));
        assertEquals(List.of(bobId), idsB);
    }

    @Test
    void aBulkRequestReachesNothingForeign() {
        String bobBefore = bridge.entry(BOB).toLDIFString();
        JsonNode response = a.post("/Bulk", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [
                  {"method": "POST", "path": "/Users", "bulkId": "u1",
                   "data": {"schemas": ["%1$s"], "userName": "bulk@a.test", "name": {"familyName": "Bulk"}}},
                  {"method": "POST", "path": "/Groups", "bulkId": "g1",
                   "data": {"schemas": ["%2$s"], "displayName": "bulk-team",
                            "members": [{"value": "bulkId:u1"}, {"value": "%3$s"}]}},
                  {"method": "PATCH", "path": "/Users/%3$s",
                   "data": {"schemas": ["%4$s"], "Operations": [{"op": "replace", "path": "title", "value": "x"}]}},
                  {"method": "DELETE", "path": "/Users/%3$s"},
                  {"method": "DELETE", "path": "/Groups/%5$s"}
                ]}""".formatted(SCHEMA_USER, SCHEMA_GROUP, id(BOB), SCHEMA_PATCH, id(TEAM_B))).expect(200);
        List<String> statuses = new ArrayList<>();
        response.get("Operations").forEach(op -> statuses.add(op.get("status").asText()));
        assertEquals(List.of("201", "400", "404", "404", "404"), statuses, response.toString());
        assertNull(bridge.entry("cn=bulk-team," + A_GROUPS));
        assertEquals(bobBefore, bridge.entry(BOB).toLDIFString());
        assertNotNull(bridge.entry(TEAM_B));
    }

    private static String user(String userName) {
        return """
                {"schemas": ["%s"], "userName": "%s", "name": {"familyName": "Taker"}}""".formatted(SCHEMA_USER, userName);
    }

    private static String renaming(String userName) {
        return patch("""
                {"op": "replace", "path": "userName", "value": "%s"}""".formatted(userName));
    }

    /** A 409 uniqueness that says the value is taken and nothing of the entry holding it. */
    private static void takenBySomeoneUnseen(JsonNode error, String... foreignDns) {
        assertEquals("uniqueness", error.path("scimType").asText(), error.toString());
        String text = error.toString().toLowerCase();
        assertTrue(text.contains("already taken"), text);
        assertFalse(text.contains(" by user"), text);
        assertFalse(text.contains("dc=example"), text);
        for (String dn : foreignDns) {
            assertFalse(text.contains(id(dn)), text);
        }
    }

    @Test
    void aUserNameHeldOutsideTheTenantsBasesIsTakenForItTooAndTheAnswerNamesNoHolder() {
        String annBefore = bridge.entry(ANN).toLDIFString();
        String abeBefore = bridge.entry(ABE).toLDIFString();
        String bobBefore = bridge.entry(BOB).toLDIFString();
        int journaled = bridge.journalEntries().size();
        // userName is caseExact false: another spelling of a held name is the same name.
        for (String held : List.of("bob@b.test", "BOB@B.Test", "helena.marsh@example.com", "Helena.Marsh@EXAMPLE.com")) {
            takenBySomeoneUnseen(a.post("/Users", user(held)).expectError(409, "uniqueness"), BOB, HELENA);
            takenBySomeoneUnseen(a.patch("/Users/" + id(ANN), renaming(held)).expectError(409, "uniqueness"),
                    BOB, HELENA);
            takenBySomeoneUnseen(a.put("/Users/" + id(ABE), user(held)).expectError(409, "uniqueness"), BOB, HELENA);
        }
        takenBySomeoneUnseen(b.post("/Users", user("Ann@A.test")).expectError(409, "uniqueness"), ANN);
        takenBySomeoneUnseen(b.patch("/Users/" + id(BOB), renaming("abe@a.test")).expectError(409, "uniqueness"),
                ABE);

        assertEquals(annBefore, bridge.entry(ANN).toLDIFString());
        assertEquals(abeBefore, bridge.entry(ABE).toLDIFString());
        assertEquals(bobBefore, bridge.entry(BOB).toLDIFString());
        assertEquals(2, bridge.count(A_PEOPLE, "(objectClass=inetOrgPerson)"));
        assertEquals(1, bridge.count(B_PEOPLE, "(objectClass=inetOrgPerson)"));
        assertEquals(journaled, bridge.journalEntries().size());
        for (String held : List.of("bob@b.test", "helena.marsh@example.com", "ann@a.test")) {
            assertEquals(1, bridge.get("/Users?filter=" + encode("userName eq \"" + held + "\"")).expect(200)
                    .get("totalResults").asInt(), held);
        }
    }

    @Test
    void aBulkOperationCannotTakeAUserNameHeldOutsideTheTenantsBases() {
        String annBefore = bridge.entry(ANN).toLDIFString();
        JsonNode response = a.post("/Bulk", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [
                  {"method": "POST", "path": "/Users", "bulkId": "u1", "data": %s},
                  {"method": "PATCH", "path": "/Users/%s", "data": %s},
                  {"method": "PUT", "path": "/Users/%s", "data": %s}
                ]}""".formatted(user("Bob@b.test"), id(ANN), renaming("helena.marsh@example.com"), id(ANN),
                user("bob@B.TEST"))).expect(200);
        for (JsonNode op : response.get("Operations")) {
            assertEquals("409", op.get("status").asText(), response.toString());
            takenBySomeoneUnseen(op.get("response"), BOB, HELENA);
        }
        assertEquals(annBefore, bridge.entry(ANN).toLDIFString());
        assertEquals(2, bridge.count(A_PEOPLE, "(objectClass=inetOrgPerson)"));
    }

    @Test
    void aClashWithinTheTenantsOwnBasesStillNamesTheHolder() {
        JsonNode posted = a.post("/Users", user("ANN@a.test")).expectError(409, "uniqueness");
        assertTrue(posted.get("detail").asText().endsWith(" by User " + id(ANN)), posted.toString());
        JsonNode patched = a.patch("/Users/" + id(ABE), renaming("ann@a.test")).expectError(409, "uniqueness");
        assertTrue(patched.get("detail").asText().endsWith(" by User " + id(ANN)), patched.toString());
        JsonNode bulk = a.post("/Bulk", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [
                  {"method": "POST", "path": "/Users", "bulkId": "u1", "data": %s}]}""".formatted(user("ann@a.test")))
                .expect(200);
        assertTrue(bulk.at("/Operations/0/response/detail").asText().endsWith(" by User " + id(ANN)), bulk.toString());
        // A resource's own userName is no clash with itself.
        a.put("/Users/" + id(ANN), user("ann@a.test")).expect(200);
    }

    @Test
    void aRepeatedCreateWhoseEntryWasMovedOutOfTheTenantsBasesIsNotAnsweredWithIt() throws Exception {
        String id = a.post("/Users", user("mover@a.test"), "X-Request-Id", "moved-away-1").expect(201).get("id")
                .asText();
        bridge.directory().modifyDN("uid=mover@a.test," + A_PEOPLE, "uid=mover@a.test", true, B_PEOPLE);
        for (ScimResponse again : List.of(a.post("/Users", user("mover@a.test"), "X-Request-Id", "moved-away-1"),
                a.post("/Users", user("mover@a.test")))) {
            JsonNode error = again.expectError(409, "uniqueness");
            assertFalse(error.toString().contains(id), error.toString());
        }
        assertNull(bridge.entry("uid=mover@a.test," + A_PEOPLE));
        assertEquals(id, b.get("/Users?filter=" + encode("userName eq \"mover@a.test\"")).expect(200)
                .at("/Resources/0/id").asText());
    }

    @Test
    void aReadOnlyClientReadsButWritesNothingAndAnUnlistedTypeIsForbidden() {
        ScimClient reader = bridge.client(TOKEN_READER);
        JsonNode users = reader.get("/Users?filter=" + encode("userName ew \"a.test\" or userName ew \"b.test\""))
                .expect(200);
        assertEquals(3, users.get("totalResults").asInt());
        String annBefore = bridge.entry(ANN).toLDIFString();
        List<ScimResponse> refused = List.of(
                reader.post("/Users", """
                        {"schemas": ["%s"], "userName": "r@a.test"}""".formatted(SCHEMA_USER)),
                reader.put("/Users/" + id(ANN), """
                        {"schemas": ["%s"], "userName": "ann@a.test"}""".formatted(SCHEMA_USER)),
                reader.patch("/Users/" + id(ANN), patch("""
                        {"op": "replace", "path": "title", "value": "x"}""")),
                reader.delete("/Users/" + id(ANN)),
                reader.get("/Groups"),
                reader.get("/Groups/" + id(TEAM_A)),
                reader.post("/Groups/.search", "{}"),
                reader.delete("/Groups/" + id(TEAM_A)));
        for (ScimResponse response : refused) {
            response.expectError(403, null);
        }
        assertEquals(annBefore, bridge.entry(ANN).toLDIFString());
        assertNotNull(bridge.entry(TEAM_A));
        JsonNode all = reader.post("/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}""").expect(200);
        all.get("Resources").forEach(r -> assertEquals("User", r.get("meta").get("resourceType").asText()));
        JsonNode bulk = reader.post("/Bulk", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [
                  {"method": "DELETE", "path": "/Groups/%s"}, {"method": "DELETE", "path": "/Users/%s"}]}"""
                .formatted(id(TEAM_A), id(ANN))).expect(200);
        bulk.get("Operations").forEach(op -> assertEquals("403", op.get("status").asText(), bulk.toString()));
        assertNotNull(bridge.entry(ANN));
    }

    @Test
    void onlyWritableAttributesMayChange() {
        ScimClient limited = bridge.client(TOKEN_LIMITED);
        String annBefore = bridge.entry(ANN).toLDIFString();
        JsonNode refused = limited.patch("/Users/" + id(ANN), patch("""
                {"op": "replace", "path": "title", "value": "Boss"}""")).expectError(403, null);
        assertTrue(refused.get("detail").asText().contains("title"), refused.toString());
        limited.put("/Users/" + id(ANN), """
                {"schemas": ["%s"], "userName": "ann-renamed@a.test", "name": {"familyName": "ann@a.test"},
                 "title": "Engineer", "emails": [{"value": "ann@a.test", "type": "work", "primary": true}]}"""
                .formatted(SCHEMA_USER)).expectError(403, null);
        limited.put("/Users/" + id(ANN), """
                {"schemas": ["%s"], "userName": "ann@a.test", "name": {"familyName": "ann@a.test"},
                 "emails": [{"value": "ann@a.test", "type": "work", "primary": true}]}"""
                .formatted(SCHEMA_USER)).expectError(403, null);
        limited.post("/Users", """
                {"schemas": ["%s"], "userName": "t@a.test", "title": "Boss"}""".formatted(SCHEMA_USER))
                .expectError(403, null);
        assertEquals(annBefore, bridge.entry(ANN).toLDIFString());
        assertNull(bridge.entry("uid=t@a.test," + A_PEOPLE));

        // Resending unchanged values of attributes it may not write is no change of them.
        limited.put("/Users/" + id(ANN), """
                {"schemas": ["%s"], "userName": "ann@a.test", "name": {"familyName": "Annson", "givenName": "Ann"},
                 "title": "Engineer", "emails": [{"value": "ann@a.test", "type": "work", "primary": true}]}"""
                .formatted(SCHEMA_USER)).expect(200);
        assertEquals("Annson", bridge.entry(ANN).getAttributeValue("sn"));
        limited.patch("/Users/" + id(ANN), patch("""
                {"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ann.new@a.test"}"""))
                .expect(200);
        assertEquals("ann.new@a.test", bridge.entry(ANN).getAttributeValue("mail"));
        limited.patch("/Users/" + id(ANN), patch("""
                {"op": "replace", "path": "active", "value": false}""")).expect(200);
        limited.get("/Groups").expectError(403, null);
    }
}
