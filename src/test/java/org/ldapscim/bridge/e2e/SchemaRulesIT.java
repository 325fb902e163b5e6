package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.GROUPS;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/**
 * The schema's rules as a client meets them (RFC 7643 §2, §7): what PUT replaces and what it leaves alone,
 * mutability, returned, uniqueness, caseExact and canonical values, against the demo directory.
 */
class SchemaRulesIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA_DN = userDn("helena.marsh@example.com");

    private static String helenaId() {
        return bridge.idOf(HELENA_DN);
    }

    private static int groupsOf(String dn) {
        return bridge.count(GROUPS, Filter.createEqualityFilter("member", dn).toString());
    }

    /**
     * RFC 7644 §3.5.1: PUT replaces the writable attributes the mapping stores; read-only values in the body
     * (id, meta, groups) are ignored, and LDAP attributes no mapping names stay as they are.
     */
    @Test
    void putReplacesWhatTheMappingWritesAndLeavesTheRestAlone() {
        String id = helenaId();
        int groups = groupsOf(HELENA_DN);
        String someGroup = bridge.idOf(groupDn("Backend"));

        JsonNode replaced = bridge.put("/Users/" + id, """
                {"schemas": ["%s"], "id": "not-her-id", "userName": "helena.marsh@example.com",
                 "meta": {"resourceType": "Group", "created": "2001-01-01T00:00:00Z"},
                 "name": {"givenName": "Helena", "familyName": "Marsh"},
                 "emails": [{"type": "work", "value": "helena.marsh@example.com", "primary": true}],
                 "groups": [{"value": "%s"}]}""".formatted(SCHEMA_USER, someGroup)).expect(200);

        assertEquals(id, replaced.get("id").asText());
        assertEquals("User", replaced.at("/meta/resourceType").asText());
        assertEquals(groups, groupsOf(HELENA_DN), "groups is read-only and ignored");
        SearchResultEntry entry = bridge.entry(HELENA_DN);
        for (String cleared : List.of("title", "displayName", "telephoneNumber", "employeeNumber",
                "departmentNumber", "o", "l", "st", "street", "postalCode", "scimExternalId")) {
            assertFalse(entry.hasAttribute(cleared), cleared + " was left out of the PUT and stays");
        }
        assertEquals("Employee", entry.getAttributeValue("employeeType"), "no mapping names employeeType");
        assertEquals("Helena Marsh", entry.getAttributeValue("cn"), "cn is only a default on create");
        assertEquals("Helena", entry.getAttributeValue("givenName"));
    }

    @Test
    void readOnlyValuesInAPostAreIgnored() {
        JsonNode created = bridge.post("/Users", """
                {"schemas": ["%s"], "id": "chosen-by-client", "userName": "ro@example.com",
                 "meta": {"version": "W/\\"1\\""}, "groups": [{"value": "%s"}]}"""
                .formatted(SCHEMA_USER, bridge.idOf(groupDn("Backend")))).expect(201);

        assertFalse(created.get("id").asText().equals("chosen-by-client"));
        assertEquals(0, groupsOf(userDn("ro@example.com")));
    }

    /** Members can be added and removed; their immutable value cannot be edited in place (RFC 7643 §4.2). */
    @Test
    void aMembersValueCannotBeChangedInPlace() {
        String backend = bridge.idOf(groupDn("Backend"));
        String member = bridge.get("/Groups/" + backend).expect(200).at("/members/0/value").asText();

        bridge.patch("/Groups/" + backend, patch("""
                {"op": "replace", "path": "members[value eq \\"%s\\"].value", "value": "%s"}"""
                .formatted(member, helenaId()))).expectError(400, "mutability");
    }

    /** RFC 7643 §7: returned "never" (password) is absent from every answer, even when asked for. */
    @Test
    void thePasswordIsNeverReturned() {
        String id = helenaId();
        List<String> bodies = List.of(
                bridge.patch("/Users/" + id + "?attributes=password", patch("""
                        {"op": "replace", "path": "password", "value": "Secret-Pass-1234"}""")).body(),
                bridge.get("/Users/" + id + "?attributes=password,userName").body(),
                bridge.get("/Users?filter=" + URLEncoder.encode("userName eq \"helena.marsh@example.com\"",
                        StandardCharsets.UTF_8) + "&attributes=password").body(),
                bridge.put("/Users/" + id, """
                        {"schemas": ["%s"], "userName": "helena.marsh@example.com", "password": "Secret-Pass-5678"}"""
                        .formatted(SCHEMA_USER)).body());
        for (String body : bodies) {
            assertFalse(body.contains("password") || body.contains("Secret-Pass"), body);
        }
    }

    /** RFC 7643 §7: returned "always" (id) is shown whatever attributes or excludedAttributes say. */
    @Test
    void theIdIsAlwaysReturned() {
        String id = helenaId();
        JsonNode onlyName = bridge.get("/Users/" + id + "?attributes=userName").expect(200);
        assertEquals(id, onlyName.get("id").asText());
        assertNull(onlyName.get("displayName"));
        assertEquals(id, bridge.get("/Users/" + id + "?excludedAttributes=id").expect(200).get("id").asText());
        JsonNode listed = bridge.get("/Users?attributes=displayName&count=3").expect(200);
        for (JsonNode user : listed.get("Resources")) {
            assertTrue(user.hasNonNull("id"), user.toString());
            assertNull(user.get("userName"), user.toString());
        }
    }

    /** userName is unique (server) and not caseExact: a name differing only in case is taken (409). */
    @Test
    void aUserNameThatDiffersOnlyInCaseIsTaken() {
        bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "HELENA.Marsh@Example.com"}""".formatted(SCHEMA_USER))
                .expectError(409, "uniqueness");
        bridge.patch("/Users/" + bridge.idOf(userDn("linda.evans@example.com")), patch("""
                {"op": "replace", "path": "userName", "value": "Helena.Marsh@example.COM"}"""))
                .expectError(409, "uniqueness");
        assertEquals(1, users("userName eq \"HELENA.MARSH@EXAMPLE.COM\"").get("totalResults").asInt());
    }

    /** externalId is caseExact (RFC 7643 §3.1): a filter in another case finds nothing. */
    @Test
    void externalIdComparesCaseExactly() {
        assertEquals(1, users("externalId eq \"ext-00001\"").get("totalResults").asInt());
        assertEquals(0, users("externalId eq \"EXT-00001\"").get("totalResults").asInt());
    }

    /**
     * emails.type has canonical values (work, home, other), which RFC 7643 §7 only suggests; the demo maps the
     * work address. A type in another case is the canonical one. Any other type is accepted and, like every
     * value the mapping has no place for, not stored: replacing the emails with a "business" one leaves no mail.
     */
    @Test
    void canonicalTypesMatchInAnyCaseAndOtherTypesAreNotStored() {
        String id = helenaId();
        bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "emails", "value": [{"type": "Work", "value": "hm@example.com"}]}"""))
                .expect(200);
        assertEquals("hm@example.com", bridge.entry(HELENA_DN).getAttributeValue("mail"));

        JsonNode patched = bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "emails", "value": [{"type": "business", "value": "b@example.com"}]}"""))
                .expect(200);
        assertNull(patched.get("emails"), patched.toString());
        assertFalse(bridge.entry(HELENA_DN).hasAttribute("mail"));
    }

    /**
     * A multi-valued attribute given one object instead of a list: RFC 7643 §2.4 wants an array, IdPs send
     * the object alone, and it is taken as a list of one.
     */
    @Test
    void aSingleObjectForAMultiValuedAttributeIsAListOfOne() {
        JsonNode created = bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "one@example.com",
                 "emails": {"type": "work", "value": "first@example.com"}}""".formatted(SCHEMA_USER)).expect(201);
        assertEquals("first@example.com", created.at("/emails/0/value").asText());
        assertEquals("first@example.com", bridge.entry(userDn("one@example.com")).getAttributeValue("mail"));
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        for (String body : List.of(
                "\"userName\": \"t@example.com\", \"title\": true",
                "\"userName\": \"t@example.com\", \"name\": \"T\"",
                "\"userName\": \"t@example.com\", \"active\": \"maybe\"",
                "\"userName\": \"t@example.com\", \"emails\": [{\"type\": \"work\", \"value\": \"t@example.com\", \"primary\": 3}]",
                "\"userName\": [\"t@example.com\"]")) {
            var response = bridge.post("/Users", "{\"schemas\": [\"%s\"], %s}".formatted(SCHEMA_USER, body));
            assertEquals(400, response.status(), body + " -> " + response.body());
            response.expectError(400, "invalidValue");
        }
        assertNull(bridge.entry(userDn("t@example.com")));
        bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "G", "members": [{"value": 7}]}""".formatted(SCHEMA_GROUP))
                .expectError(400, "invalidValue");
    }

    private static JsonNode users(String filter) {
        return bridge.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)).expect(200);
    }

    @Test
    void oneUserNameTypedTwoUnicodeWaysIsOneUserName() {
        String composed = "jos\u00e9.nfc@example.com";
        String decomposed = "jose\u0301.nfc@example.com";
        bridge.post("/Users", "{\"schemas\": [\"" + SCHEMA_USER + "\"], \"userName\": \"" + composed + "\"}").expect(201);

        bridge.post("/Users", "{\"schemas\": [\"" + SCHEMA_USER + "\"], \"userName\": \"" + decomposed + "\"}")
                .expectError(409, "uniqueness");
        assertNull(bridge.entry(userDn("jose\u0301.nfc@example.com")));
    }

    @Test
    void subAttributeNamesInAPatchValueMatchInAnyCase() {
        String id = bridge.idOf(userDn("helena.marsh@example.com"));

        bridge.patch("/Users/" + id, patch("{\"op\": \"replace\", \"path\": \"name\", \"value\": {\"FamilyName\": \"Marsh-One\"}}"))
                .expect(200);
        assertEquals("Marsh-One", bridge.entry(userDn("helena.marsh@example.com")).getAttributeValue("sn"));
        bridge.patch("/Users/" + id, patch("{\"op\": \"replace\", \"value\": {\"NAME\": {\"FAMILYNAME\": \"Marsh-Two\"}}}"))
                .expect(200);
        assertEquals("Marsh-Two", bridge.entry(userDn("helena.marsh@example.com")).getAttributeValue("sn"));
    }
}
