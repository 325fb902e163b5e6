package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_ENTERPRISE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimResponse;
import org.ldapscim.bridge.testsupport.TestSecret;

/** A user's life through the HTTP API: create, find, read, deactivate, change, replace, delete. */
class UserLifecycleIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADA = "ada.lovelace@example.com";
    private static final String ADA_DN = userDn(ADA);
    private static final String PASSWORD = TestSecret.LIFECYCLE_USER_PASSWORD.value();
    private static final String HELENA_DN = userDn("helena.marsh@example.com");

    private static String adaJson(String managerId) {
        return """
                {
                  "schemas": ["%s", "%s"],
                  "id": "client-chosen-id",
                  "userName": "%s",
                  "password": "%s",
                  "name": {"givenName": "Ada", "familyName": "Lovelace"},
                  "displayName": "Ada Lovelace",
                  "title": "Analyst",
                  "emails": [{"value": "ada@example.com", "type": "work", "primary": true}],
                  "phoneNumbers": [{"value": "+44 20 7946 0001", "type": "work"}],
                  "active": true,
                  "%s": {"employeeNumber": "E90001", "manager": {"value": "%s"}}
                }
                """.formatted(SCHEMA_USER, SCHEMA_ENTERPRISE, ADA, PASSWORD, SCHEMA_ENTERPRISE, managerId);
    }

    private static JsonNode createAda() {
        return bridge.post("/Users", adaJson(bridge.idOf(HELENA_DN))).expect(201);
    }

    @Test
    void createAnswers201WithLocationMetaAndTheEntryUuidAsId() {
        String helenaId = bridge.idOf(HELENA_DN);
        ScimResponse response = bridge.post("/Users", adaJson(helenaId));
        JsonNode user = response.expect(201);

        String id = user.get("id").asText();
        assertEquals(bridge.idOf(ADA_DN), id, "the id is the new entry's entryUUID");
        assertNotEquals("client-chosen-id", id);
        JsonNode meta = user.get("meta");
        assertEquals("User", meta.get("resourceType").asText());
        assertEquals(bridge.baseUrl() + "/Users/" + id, meta.get("location").asText());
        assertEquals(meta.get("location").asText(), response.header("Location"));
        Instant created = Instant.parse(meta.get("created").asText());
        Instant lastModified = Instant.parse(meta.get("lastModified").asText());
        assertFalse(lastModified.isBefore(created));
        assertTrue(meta.get("version").asText().startsWith("W/\""), meta.toString());
        assertEquals(meta.get("version").asText(), response.header("ETag"));

        assertEquals(List.of(SCHEMA_USER, SCHEMA_ENTERPRISE), texts(user.get("schemas")));
        assertEquals(ADA, user.get("userName").asText());
        assertEquals("Ada", user.at("/name/givenName").asText());
        assertEquals("Lovelace", user.at("/name/familyName").asText());
        assertEquals("ada@example.com", user.at("/emails/0/value").asText());
        assertEquals("work", user.at("/emails/0/type").asText());
        assertTrue(user.get("active").isBoolean() && user.get("active").booleanValue());
        JsonNode manager = user.at("/" + SCHEMA_ENTERPRISE.replace("/", "~1") + "/manager");
        assertEquals(helenaId, manager.get("value").asText());
        assertEquals("Helena Marsh", manager.get("displayName").asText());
        assertEquals(bridge.baseUrl() + "/Users/" + helenaId, manager.get("$ref").asText());
        assertNull(user.get("password"), "password is returned: never");

        SearchResultEntry entry = bridge.entry(ADA_DN);
        assertTrue(entry.hasObjectClass("inetOrgPerson"));
        assertEquals(ADA, entry.getAttributeValue("uid"));
        assertEquals("Ada", entry.getAttributeValue("givenName"));
        assertEquals("Lovelace", entry.getAttributeValue("sn"));
        assertEquals("Ada Lovelace", entry.getAttributeValue("cn"));
        assertEquals("ada@example.com", entry.getAttributeValue("mail"));
        assertEquals("E90001", entry.getAttributeValue("employeeNumber"));
        assertEquals(HELENA_DN, entry.getAttributeValue("manager"));
        assertFalse(entry.hasAttribute("pwdAccountLockedTime"));
        assertFalse(entry.hasAttribute("id"));
        assertNotEquals(PASSWORD, entry.getAttributeValue("userPassword"), "the directory stores the password hashed");
        assertEquals(ResultCode.SUCCESS, bind(ADA_DN, PASSWORD).getResultCode(), "the password was set");

        JournalEntry journaled = onlyJournalEntry();
        assertEquals(Operation.CREATE, journaled.operation());
        assertEquals(Outcome.SUCCEEDED, journaled.outcome());
        assertEquals("User", journaled.resourceType());
        assertEquals(id, journaled.resourceId());
        assertEquals(ADA_DN, journaled.dn());
        assertEquals(BridgeUnderTest.CLIENT, journaled.client());
        assertEquals(response.header("X-Request-Id"), journaled.requestId());
        assertEquals(List.of(), texts(journaled.changes().at("/givenName/before")));
        assertEquals(List.of("Ada"), texts(journaled.changes().at("/givenName/after")));
        assertEquals(List.of(HELENA_DN), texts(journaled.changes().at("/manager/after")));
        assertNotNull(journaled.completedAt());
        assertNoPassword(journaled.changes().toString());
    }

    @Test
    void findsTheUserByUserNameInEveryWayIdpsEncodeTheFilter() {
        String id = createAda().get("id").asText();
        List<String> queries = List.of(
                "filter=userName%20eq%20%22ada.lovelace%40example.com%22",
                "filter=userName+eq+%22ada.lovelace%40example.com%22",
                "filter=userName%20EQ%20%22ada.lovelace%40example.com%22",
                "filter=USERNAME%20Eq%20%22ADA.Lovelace%40example.com%22",
                "filter=userName+eq+%22ada.lovelace%40example.com%22&startIndex=1&count=100");
        for (String query : queries) {
            JsonNode list = bridge.get("/Users?" + query).expect(200);
            assertEquals(1, list.get("totalResults").asInt(), query);
            assertEquals(id, list.at("/Resources/0/id").asText(), query);
            assertEquals(ADA, list.at("/Resources/0/userName").asText(), query);
        }
    }

    @Test
    void getByIdReturnsTheUserAsCreated() {
        JsonNode created = createAda();
        String id = created.get("id").asText();

        JsonNode fetched = bridge.get("/Users/" + id).expect(200);

        assertEquals(created, fetched);
    }

    @Test
    void attributesAndExcludedAttributesChooseWhatIsShown() {
        String id = createAda().get("id").asText();

        JsonNode only = bridge.get("/Users/" + id + "?attributes=userName,name.givenName").expect(200);
        assertEquals(id, only.get("id").asText(), "id is returned always");
        assertEquals(ADA, only.get("userName").asText());
        assertEquals("Ada", only.at("/name/givenName").asText());
        assertTrue(only.at("/name/familyName").isMissingNode(), only.toString());
        assertNull(only.get("emails"), only.toString());
        assertNull(only.get("displayName"), only.toString());
        assertNull(only.get(SCHEMA_ENTERPRISE), only.toString());

        JsonNode without = bridge.get("/Users/" + id + "?excludedAttributes=emails,name," + SCHEMA_ENTERPRISE + ":manager")
                .expect(200);
        assertEquals(ADA, without.get("userName").asText());
        assertEquals("Ada Lovelace", without.get("displayName").asText());
        assertNull(without.get("emails"), without.toString());
        assertNull(without.get("name"), without.toString());
        assertEquals("E90001", without.get(SCHEMA_ENTERPRISE).get("employeeNumber").asText());
        assertNull(without.get(SCHEMA_ENTERPRISE).get("manager"), without.toString());

        JsonNode noExtension = bridge.get("/Users/" + id + "?excludedAttributes=" + SCHEMA_ENTERPRISE).expect(200);
        assertNull(noExtension.get(SCHEMA_ENTERPRISE), noExtension.toString());
        assertEquals(List.of(SCHEMA_USER), texts(noExtension.get("schemas")));
        assertEquals(ADA, noExtension.get("userName").asText());
        JsonNode onlyExtension = bridge.get("/Users/" + id + "?attributes=" + SCHEMA_ENTERPRISE).expect(200);
        assertEquals("E90001", onlyExtension.get(SCHEMA_ENTERPRISE).get("employeeNumber").asText());
        assertNull(onlyExtension.get("userName"), onlyExtension.toString());

        JsonNode listed = bridge.get("/Users?filter=userName%20eq%20%22" + ADA + "%22&attributes=displayName")
                .expect(200);
        JsonNode resource = listed.at("/Resources/0");
        assertEquals("Ada Lovelace", resource.get("displayName").asText());
        assertNull(resource.get("userName"), resource.toString());
    }

    @Test
    void entraDeactivationLocksTheAccountAndReactivationUnlocksIt() {
        String id = createAda().get("id").asText();

        JsonNode deactivated = bridge.patch("/Users/" + id, patch("""
                {"op": "Replace", "path": "active", "value": "False"}""")).expect(200);

        assertTrue(deactivated.get("active").isBoolean(), "active is a JSON boolean: " + deactivated);
        assertFalse(deactivated.get("active").booleanValue());
        assertEquals("000001010000Z", bridge.entry(ADA_DN).getAttributeValue("pwdAccountLockedTime"));
        assertFalse(bridge.get("/Users/" + id).expect(200).get("active").booleanValue());
        assertEquals(ADA, bridge.entry(ADA_DN).getAttributeValue("uid"), "deactivation never deletes the entry");

        JsonNode reactivated = bridge.patch("/Users/" + id, patch("""
                {"op": "Replace", "path": "active", "value": "True"}""")).expect(200);

        assertTrue(reactivated.get("active").booleanValue());
        assertFalse(bridge.entry(ADA_DN).hasAttribute("pwdAccountLockedTime"));
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(List.of(Operation.CREATE, Operation.PATCH, Operation.PATCH), operations(journal));
        assertEquals(List.of("000001010000Z"), texts(journal.get(1).changes().at("/pwdAccountLockedTime/after")));
        assertEquals(List.of("000001010000Z"), texts(journal.get(2).changes().at("/pwdAccountLockedTime/before")));
        assertEquals(List.of(), texts(journal.get(2).changes().at("/pwdAccountLockedTime/after")));
    }

    @Test
    void pathlessPatchWithDottedAndUrnKeysChangesTheMappedAttributes() {
        String id = createAda().get("id").asText();

        JsonNode patched = bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ada.new@example.com"},
                {"op": "replace", "value": {
                    "displayName": "Augusta Ada King",
                    "name.givenName": "Augusta",
                    "name.familyName": "King",
                    "%s:employeeNumber": "E1001"}}""".formatted(SCHEMA_ENTERPRISE))).expect(200);

        assertEquals("Augusta", patched.at("/name/givenName").asText());
        assertEquals("King", patched.at("/name/familyName").asText());
        assertEquals("Augusta Ada King", patched.get("displayName").asText());
        assertEquals("E1001", patched.get(SCHEMA_ENTERPRISE).get("employeeNumber").asText());
        assertEquals("ada.new@example.com", patched.at("/emails/0/value").asText());
        assertEquals(1, patched.get("emails").size());
        SearchResultEntry entry = bridge.entry(ADA_DN);
        assertEquals("Augusta", entry.getAttributeValue("givenName"));
        assertEquals("King", entry.getAttributeValue("sn"));
        assertEquals("Augusta Ada King", entry.getAttributeValue("displayName"));
        assertEquals("E1001", entry.getAttributeValue("employeeNumber"));
        assertEquals("ada.new@example.com", entry.getAttributeValue("mail"));
        assertEquals("Analyst", entry.getAttributeValue("title"), "attributes the PATCH does not name stay");
        assertEquals(HELENA_DN, entry.getAttributeValue("manager"));
        assertEquals(patched, bridge.get("/Users/" + id).expect(200));

        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(Operation.PATCH, journaled.operation());
        assertEquals(List.of("Ada"), texts(journaled.changes().at("/givenName/before")));
        assertEquals(List.of("Augusta"), texts(journaled.changes().at("/givenName/after")));
        assertEquals(List.of("ada@example.com"), texts(journaled.changes().at("/mail/before")));
        assertEquals(List.of("ada.new@example.com"), texts(journaled.changes().at("/mail/after")));
        assertTrue(journaled.changes().path("title").isMissingNode(), journaled.changes().toString());
    }

    @Test
    void patchPathsNameAttributesInAnyCase() {
        // RFC 7643 §2.1: attribute names and schema URNs are case-insensitive, in paths as anywhere else.
        String id = createAda().get("id").asText();

        JsonNode patched = bridge.patch("/Users/" + id, patch("""
                {"op": "Replace", "path": "Active", "value": "False"},
                {"op": "replace", "path": "NAME.GIVENNAME", "value": "Augusta"},
                {"op": "replace", "path": "%s:EmployeeNumber", "value": "E2002"},
                {"op": "replace", "value": {"DisplayName": "Augusta King", "Name.FamilyName": "King"}},
                {"op": "add", "path": "Title", "value": "Countess"}""".formatted(SCHEMA_ENTERPRISE.toLowerCase())))
                .expect(200);

        assertFalse(patched.get("active").booleanValue(), patched.toString());
        assertEquals("Augusta", patched.at("/name/givenName").asText());
        assertEquals("King", patched.at("/name/familyName").asText());
        assertEquals("Augusta King", patched.get("displayName").asText());
        assertEquals("Countess", patched.get("title").asText());
        assertEquals("E2002", patched.get(SCHEMA_ENTERPRISE).get("employeeNumber").asText());
        SearchResultEntry entry = bridge.entry(ADA_DN);
        assertEquals("000001010000Z", entry.getAttributeValue("pwdAccountLockedTime"));
        assertEquals("Augusta", entry.getAttributeValue("givenName"));
        assertEquals("King", entry.getAttributeValue("sn"));
        assertEquals("Augusta King", entry.getAttributeValue("displayName"));
        assertEquals("Countess", entry.getAttributeValue("title"));
        assertEquals("E2002", entry.getAttributeValue("employeeNumber"));
        assertEquals(patched, bridge.get("/Users/" + id).expect(200));
    }

    @Test
    void putReplacesTheUserAndRemovesWhatItLeavesOut() {
        String id = createAda().get("id").asText();

        ScimResponse response = bridge.put("/Users/" + id, """
                {
                  "schemas": ["%s"],
                  "userName": "%s",
                  "password": "%s",
                  "name": {"givenName": "Ada", "familyName": "King"},
                  "emails": [{"value": "ada.king@example.com", "type": "work", "primary": true}],
                  "active": false
                }
                """.formatted(SCHEMA_USER, ADA, PASSWORD + "-2"));
        JsonNode replaced = response.expect(200);

        assertEquals(id, replaced.get("id").asText());
        assertEquals("King", replaced.at("/name/familyName").asText());
        assertFalse(replaced.get("active").booleanValue());
        assertNull(replaced.get("title"), replaced.toString());
        assertNull(replaced.get("displayName"), replaced.toString());
        assertNull(replaced.get("phoneNumbers"), replaced.toString());
        assertNull(replaced.get(SCHEMA_ENTERPRISE), replaced.toString());
        assertNull(replaced.get("password"), replaced.toString());
        assertNoPassword(response.body());
        SearchResultEntry entry = bridge.entry(ADA_DN);
        for (String removed : List.of("title", "displayName", "telephoneNumber", "employeeNumber", "manager")) {
            assertFalse(entry.hasAttribute(removed), removed + " stays in " + entry.toLDIFString());
        }
        assertEquals("King", entry.getAttributeValue("sn"));
        assertEquals("ada.king@example.com", entry.getAttributeValue("mail"));
        assertEquals("000001010000Z", entry.getAttributeValue("pwdAccountLockedTime"));
        assertEquals("Ada Lovelace", entry.getAttributeValue("cn"), "cn is not mapped and is left alone");
        assertEquals(ResultCode.SUCCESS, bind(ADA_DN, PASSWORD + "-2").getResultCode());

        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(Operation.REPLACE, journaled.operation());
        assertEquals(Outcome.SUCCEEDED, journaled.outcome());
        assertEquals(List.of("Analyst"), texts(journaled.changes().at("/title/before")));
        assertEquals(List.of(), texts(journaled.changes().at("/title/after")));
        assertNoPassword(journaled.changes().toString());
    }

    @Test
    void deleteAnswers204AndTheUserIsGone() {
        String id = createAda().get("id").asText();

        bridge.delete("/Users/" + id).expectNoContent();

        assertNull(bridge.entry(ADA_DN));
        bridge.get("/Users/" + id).expectError(404, null);
        bridge.delete("/Users/" + id).expectError(404, null);
        assertEquals(0, bridge.get("/Users?filter=userName%20eq%20%22" + ADA + "%22").expect(200)
                .get("totalResults").asInt());
        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(Operation.DELETE, journaled.operation());
        assertEquals(Outcome.SUCCEEDED, journaled.outcome());
        assertEquals(id, journaled.resourceId());
        assertEquals(ADA_DN, journaled.dn());
        assertEquals(List.of("Ada"), texts(journaled.changes().at("/givenName/before")));
        assertEquals(List.of(), texts(journaled.changes().at("/givenName/after")));
        assertNoPassword(journaled.changes().toString());
    }

    @Test
    void renamingTheUserNameMovesTheEntryAndKeepsTheId() {
        String id = createAda().get("id").asText();

        JsonNode renamed = bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "userName", "value": "ada.king@example.com"}""")).expect(200);

        assertEquals(id, renamed.get("id").asText());
        assertEquals("ada.king@example.com", renamed.get("userName").asText());
        assertNull(bridge.entry(ADA_DN));
        assertEquals(id, bridge.idOf(userDn("ada.king@example.com")));
        assertEquals("ada.king@example.com", bridge.get("/Users/" + id).expect(200).get("userName").asText());
        JournalEntry journaled = bridge.journalEntries().get(1);
        assertEquals(List.of(ADA_DN), texts(journaled.changes().at("/dn/before")));
        assertEquals(List.of(userDn("ada.king@example.com")), texts(journaled.changes().at("/dn/after")));
        assertEquals(userDn("ada.king@example.com"), journaled.dn());
    }

    @Test
    void anEqualsSignInTheNamingValueIsEscapedInTheDnSentOnCreateAndRename() {
        // AD and Samba refuse a bare '=' in an RDN value as invalid DN syntax; RFC 4514 allows escaping it.
        String id = bridge.post("/Users", """
                {"schemas":["%s"],"userName":"eq=sign@example.com"}""".formatted(SCHEMA_USER)).expect(201)
                .get("id").asText();
        assertEquals("uid=eq\\=sign@example.com," + BridgeUnderTest.PEOPLE, bridge.journalEntries().get(0).dn());

        bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "userName", "value": "eq=moved@example.com"}""")).expect(200);
        assertEquals("uid=eq\\=moved@example.com," + BridgeUnderTest.PEOPLE, bridge.journalEntries().get(1).dn());
        assertEquals("eq=moved@example.com", bridge.get("/Users/" + id).expect(200).get("userName").asText());
    }

    @Test
    void aPasswordSetThroughTheApiNeverAppearsInAResponseOrTheJournal() {
        List<ScimResponse> responses = new ArrayList<>();
        ScimResponse created = bridge.post("/Users", adaJson(bridge.idOf(HELENA_DN)));
        responses.add(created);
        String id = created.expect(201).get("id").asText();
        responses.add(bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "password", "value": "%s-patched"}""".formatted(PASSWORD))));
        responses.add(bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "value": {"password": "%s-pathless"}}""".formatted(PASSWORD))));
        responses.add(bridge.get("/Users/" + id));
        responses.add(bridge.get("/Users/" + id + "?attributes=password"));
        responses.add(bridge.get("/Users?filter=userName%20eq%20%22" + ADA + "%22"));

        for (ScimResponse response : responses) {
            assertEquals(2, response.status() / 100, response.toString());
            assertNoPassword(response.body());
            assertFalse(response.body().contains("\"password\""), response.toString());
        }
        assertEquals(ResultCode.SUCCESS, bind(ADA_DN, PASSWORD + "-pathless").getResultCode());
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(3, journal.size());
        for (JournalEntry entry : journal) {
            assertEquals(Outcome.SUCCEEDED, entry.outcome());
            assertNoPassword(entry.toJson().toString());
        }
        assertEquals(List.of("<secret changed>"), texts(journal.get(1).changes().at("/userPassword/after")));
    }

    @Test
    void theIssueSessionRunsEndToEndWithOneJournalEntryPerWrite() {
        ScimResponse created = bridge.post("/Users", adaJson(bridge.idOf(HELENA_DN)));
        String id = created.expect(201).get("id").asText();
        assertEquals(id, bridge.get("/Users?filter=userName+eq+%22" + ADA + "%22").expect(200)
                .at("/Resources/0/id").asText());
        bridge.get("/Users/" + id).expect(200);
        ScimResponse deactivated = bridge.patch("/Users/" + id, patch("""
                {"op": "Replace", "path": "active", "value": "False"}"""));
        deactivated.expect(200);
        ScimResponse reactivated = bridge.patch("/Users/" + id, patch("""
                {"op": "Replace", "path": "active", "value": "True"}"""));
        reactivated.expect(200);
        ScimResponse changed = bridge.patch("/Users/" + id, patch("""
                {"op": "Add", "value": {"title": "Countess", "name.familyName": "King"}}"""));
        changed.expect(200);
        ScimResponse replaced = bridge.put("/Users/" + id, """
                {"schemas": ["%s"], "userName": "%s", "name": {"familyName": "King"}}""".formatted(SCHEMA_USER, ADA));
        replaced.expect(200);
        ScimResponse deleted = bridge.delete("/Users/" + id);
        deleted.expectNoContent();

        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(List.of(Operation.CREATE, Operation.PATCH, Operation.PATCH, Operation.PATCH, Operation.REPLACE,
                Operation.DELETE), operations(journal));
        List<ScimResponse> writes = List.of(created, deactivated, reactivated, changed, replaced, deleted);
        for (int i = 0; i < journal.size(); i++) {
            JournalEntry entry = journal.get(i);
            assertEquals(Outcome.SUCCEEDED, entry.outcome(), entry.toString());
            assertEquals(id, entry.resourceId());
            assertEquals(ADA_DN, entry.dn());
            assertEquals(writes.get(i).header("X-Request-Id"), entry.requestId());
        }
        assertEquals(List.of("Countess"), texts(journal.get(3).changes().at("/title/after")));
        assertEquals(List.of("Countess"), texts(journal.get(4).changes().at("/title/before")));
    }

    @Test
    void aUserNameWithDnSpecialCharactersMakesAnEscapedDnAndIsFoundAgain() {
        String userName = "#ann+lee,\"dev\";<ops>\\back@example.com";
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(SCHEMA_USER);
        body.put("userName", userName);

        JsonNode created = bridge.post("/Users", body.toString()).expect(201);

        assertEquals(userName, created.get("userName").asText());
        String dn = "uid=\\#ann\\+lee\\,\\\"dev\\\"\\;\\<ops\\>\\\\back@example.com,ou=people,dc=example,dc=com";
        SearchResultEntry entry = bridge.entry(dn);
        assertNotNull(entry, "no entry at " + dn);
        assertEquals(userName, entry.getAttributeValue("uid"));
        assertEquals(created.get("id").asText(), entry.getAttributeValue("entryUUID"));
        assertEquals(created, bridge.get("/Users/" + created.get("id").asText()).expect(200));
        // A SCIM filter's string is a JSON string: its quotes and backslashes are escaped as JSON escapes them.
        String quoted = JSON.getNodeFactory().textNode(userName).toString();
        JsonNode found = bridge.get("/Users?" + ListAndFilterIT.filter("userName eq " + quoted)).expect(200);
        assertEquals(1, found.get("totalResults").asInt(), found.toString());
        assertEquals(dn, bridge.journalEntries().get(0).dn());
    }

    @Test
    void aValueTheDirectoryRefusesIs400AndIsJournaledAsFailed() {
        ScimResponse refused = bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "tel@example.com",
                 "phoneNumbers": [{"type": "work", "value": "call me @ home_x"}]}""".formatted(SCHEMA_USER));

        refused.expectError(400, "invalidValue");
        assertNull(bridge.entry(userDn("tel@example.com")));
        JournalEntry journaled = onlyJournalEntry();
        assertEquals(Operation.CREATE, journaled.operation());
        assertEquals(Outcome.FAILED, journaled.outcome());
        assertNull(journaled.resourceId());
        assertTrue(journaled.detail().startsWith("400 "), journaled.detail());
        assertEquals(List.of("call me @ home_x"), texts(journaled.changes().at("/telephoneNumber/after")));
        assertNotNull(journaled.completedAt());
    }

    @Test
    void deletingAUserTakesItOutOfItsGroups() {
        String id = createAda().get("id").asText();
        String backendDn = BridgeUnderTest.groupDn("Backend");
        String backendId = bridge.idOf(backendDn);
        bridge.patch("/Groups/" + backendId, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(id))).expect(200);
        assertTrue(bridge.entry(backendDn).hasAttributeValue("member", ADA_DN));
        assertTrue(bridge.get("/Users/" + id).expect(200).get("groups").findValuesAsText("value").contains(backendId));

        bridge.delete("/Users/" + id).expectNoContent();

        assertFalse(bridge.entry(backendDn).hasAttributeValue("member", ADA_DN));
        assertFalse(bridge.get("/Groups/" + backendId).expect(200).get("members").findValuesAsText("value").contains(id));
    }

    @Test
    void renamingAUserKeepsItsGroupsAndTheUsersItManages() {
        String id = createAda().get("id").asText();
        String backendId = bridge.idOf(BridgeUnderTest.groupDn("Backend"));
        bridge.patch("/Groups/" + backendId, patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]}""".formatted(id))).expect(200);
        String lindaId = bridge.idOf(userDn("linda.evans@example.com"));
        bridge.patch("/Users/" + lindaId, patch("""
                {"op": "replace", "path": "%s:manager", "value": {"value": "%s"}}""".formatted(SCHEMA_ENTERPRISE, id)))
                .expect(200);

        bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "userName", "value": "ada.king@example.com"}""")).expect(200);

        assertTrue(bridge.get("/Groups/" + backendId).expect(200).get("members").findValuesAsText("value").contains(id));
        assertTrue(bridge.get("/Users/" + id).expect(200).get("groups").findValuesAsText("value").contains(backendId));
        JsonNode linda = bridge.get("/Users/" + lindaId).expect(200);
        assertEquals(id, linda.get(SCHEMA_ENTERPRISE).get("manager").get("value").asText());
        assertEquals(userDn("ada.king@example.com"), bridge.entry(userDn("linda.evans@example.com"))
                .getAttributeValue("manager"));
    }

    static String patch(String operations) {
        return """
                {"schemas": ["%s"], "Operations": [%s]}""".formatted(BridgeUnderTest.SCHEMA_PATCH, operations);
    }

    private static List<Operation> operations(List<JournalEntry> journal) {
        return journal.stream().map(JournalEntry::operation).toList();
    }

    private static JournalEntry onlyJournalEntry() {
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(1, journal.size(), journal.toString());
        return journal.get(0);
    }

    private static void assertNoPassword(String text) {
        assertFalse(text.contains(PASSWORD), "the password shows in: " + text);
    }

    private static BindResult bind(String dn, String password) {
        try (var connection = bridge.directory().getConnection()) {
            return connection.bind(dn, password);
        } catch (LDAPException e) {
            return new BindResult(e);
        }
    }
}
