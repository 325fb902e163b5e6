package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_ENTERPRISE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.tokenOf;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimRequest;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * Each request shape an IdP is known to send, through HTTP against the demo: absorbed under the profile of the
 * IdP that sends it (client {@code e2e-<profile>}), refused with the RFC's error under {@code strict}, and the
 * directory left as each outcome says. Legal HTTP variations are accepted under every profile.
 */
class IdpProfilesIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final String HELENA_DN = userDn("helena.marsh@example.com");
    private static final String LINDA_DN = userDn("linda.evans@example.com");
    private static final String JOERG_DN = userDn("joerg.mueller@example.com");

    private static ScimResponse as(String profile, String method, String path, String body) {
        var request = bridge.request(method, path).header("Authorization", "Bearer " + tokenOf(profile));
        return (body == null ? request : request.body(body)).send();
    }

    private static ScimResponse patchHelena(String profile, String operations) {
        return as(profile, "PATCH", "/Users/" + bridge.idOf(HELENA_DN), patch(operations));
    }

    private static String ldap(String dn, String attribute) {
        return bridge.entry(dn).getAttributeValue(attribute);
    }

    private static Set<String> members(String groupDn) {
        SearchResultEntry group = bridge.entry(groupDn);
        return new TreeSet<>(List.of(group.getAttributeValues("member")));
    }

    private static String createGroup(String... memberDns) {
        StringBuilder members = new StringBuilder();
        for (String dn : memberDns) {
            members.append(members.length() == 0 ? "" : ", ").append("{\"value\": \"").append(bridge.idOf(dn))
                    .append("\"}");
        }
        return bridge.post("/Groups", """
                {"schemas": ["%s"], "displayName": "Profile Guild", "members": [%s]}""".formatted(SCHEMA_GROUP,
                members)).expect(201).get("id").asText();
    }

    private static String lastJournaledProfile() {
        List<JournalEntry> entries = bridge.journalEntries();
        assertFalse(entries.isEmpty(), "a write was journaled");
        return entries.get(entries.size() - 1).profile();
    }

    @Test
    void capitalisedOpsAreEntrasAndRefusedUnderStrict() {
        String operation = "{\"op\": \"Replace\", \"path\": \"title\", \"value\": \"Chief Cartographer\"}";
        patchHelena("strict", operation).expectError(400, "invalidValue");
        assertFalse("Chief Cartographer".equals(ldap(HELENA_DN, "title")));
        patchHelena("entra", operation).expectNoContent();
        assertEquals("Chief Cartographer", ldap(HELENA_DN, "title"));
    }

    @Test
    void booleansAsStringsAreAbsorbedByEntraAndRefusedUnderStrict() {
        String operation = "{\"op\": \"replace\", \"path\": \"active\", \"value\": \"False\"}";
        patchHelena("strict", operation).expectError(400, "invalidValue");
        assertNull(ldap(HELENA_DN, "pwdAccountLockedTime"));
        patchHelena("entra", operation).expectNoContent();
        assertEquals("000001010000Z", ldap(HELENA_DN, "pwdAccountLockedTime"));
    }

    @Test
    void aCreateWithActiveAsTextIsTypedByOktasProfile() {
        String body = """
                {"schemas": ["%s"], "userName": "ann.typed@example.com", "name": {"familyName": "Typed"},
                 "active": "True", "%s": {"employeeNumber": 4711}}""".formatted(SCHEMA_USER, SCHEMA_ENTERPRISE);
        as("strict", "POST", "/Users", body).expectError(400, "invalidValue");
        assertNull(bridge.entry(userDn("ann.typed@example.com")));
        JsonNode created = as("okta", "POST", "/Users", body).expect(201);
        assertTrue(created.get("active").booleanValue());
        assertEquals("4711", created.path(SCHEMA_ENTERPRISE).path("employeeNumber").asText());
        assertEquals("4711", ldap(userDn("ann.typed@example.com"), "employeeNumber"));
    }

    @Test
    void numbersForStringsAreTheirTextUnderOktaAndRefusedUnderStrict() {
        String operation = "{\"op\": \"replace\", \"path\": \"" + SCHEMA_ENTERPRISE + ":employeeNumber\","
                + " \"value\": 1001}";
        patchHelena("strict", operation).expectError(400, "invalidValue");
        JsonNode patched = patchHelena("okta", operation).expect(200);
        assertEquals("1001", patched.path(SCHEMA_ENTERPRISE).path("employeeNumber").textValue());
        assertEquals("1001", ldap(HELENA_DN, "employeeNumber"));
    }

    @Test
    void pathlessDottedAndUrnKeysAreEntrasAndRefusedUnderStrict() {
        String operation = """
                {"op": "replace", "value": {"name.givenName": "Helene", "%s:department": "Maps", "title": "Lead"}}
                """.formatted(SCHEMA_ENTERPRISE);
        String givenName = ldap(HELENA_DN, "givenName");
        patchHelena("strict", operation).expectError(400, "invalidValue");
        assertEquals(givenName, ldap(HELENA_DN, "givenName"));
        patchHelena("entra", operation).expectNoContent();
        assertEquals("Helene", ldap(HELENA_DN, "givenName"));
        assertEquals("Maps", ldap(HELENA_DN, "departmentNumber"));
        assertEquals("Lead", ldap(HELENA_DN, "title"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"entra", "jumpcloud", "lenient"})
    void removingMembersByAValueListRemovesOnlyThose(String profile) {
        String id = createGroup(HELENA_DN, LINDA_DN, JOERG_DN);
        as(profile, "PATCH", "/Groups/" + id, patch("""
                {"op": "Remove", "path": "members", "value": [{"value": "%s"}, {"value": "%s"}]}
                """.formatted(bridge.idOf(HELENA_DN), bridge.idOf(LINDA_DN))));
        assertEquals(Set.of(JOERG_DN), members(groupDn("Profile Guild")));
    }

    @Test
    void removingMembersByAValueListIsRefusedUnderStrictAndLeavesEveryMember() {
        String id = createGroup(HELENA_DN, LINDA_DN);
        as("strict", "PATCH", "/Groups/" + id, patch("""
                {"op": "remove", "path": "members", "value": [{"value": "%s"}]}
                """.formatted(bridge.idOf(HELENA_DN)))).expectError(400, "invalidSyntax");
        assertEquals(new TreeSet<>(Set.of(HELENA_DN, LINDA_DN)), members(groupDn("Profile Guild")));
    }

    @Test
    void removingAMemberByAValueFilterIsRfcAndWorksUnderStrict() {
        String id = createGroup(HELENA_DN, LINDA_DN);
        as("strict", "PATCH", "/Groups/" + id, patch("""
                {"op": "remove", "path": "members[value eq \\"%s\\"]"}
                """.formatted(bridge.idOf(HELENA_DN)))).expect(200);
        assertEquals(Set.of(LINDA_DN), members(groupDn("Profile Guild")));
    }

    @Test
    void aBareManagerIdIsEntrasAndRefusedUnderStrict() {
        String operation = "{\"op\": \"add\", \"path\": \"" + SCHEMA_ENTERPRISE + ":manager\", \"value\": \""
                + bridge.idOf(JOERG_DN) + "\"}";
        patchHelena("strict", operation).expectError(400, "invalidValue");
        patchHelena("entra", operation).expectNoContent();
        assertEquals(JOERG_DN, ldap(HELENA_DN, "manager"));
    }

    @Test
    void addOnASingleValuedAttributeThatHasAValueReplacesItUnderEveryProfile() {
        // RFC 7644 §3.5.2.1: "If the target location specifies a single-valued attribute, the existing value is
        // replaced", so this is no leniency.
        patchHelena("strict", "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"First\"}").expect(200);
        patchHelena("strict", "{\"op\": \"add\", \"path\": \"title\", \"value\": \"Second\"}").expect(200);
        assertEquals(List.of("Second"), List.of(bridge.entry(HELENA_DN).getAttributeValues("title")));
    }

    @Test
    void replacingAMissingTypedElementAddsItForEntraAndIsNoTargetUnderStrict() {
        String operation = "{\"op\": \"replace\", \"path\": \"phoneNumbers[type eq \\\"mobile\\\"].value\", "
                + "\"value\": \"+44 20 7946 0000\"}";
        bridge.patch("/Users/" + bridge.idOf(HELENA_DN),
                patch("{\"op\": \"remove\", \"path\": \"phoneNumbers[type eq \\\"mobile\\\"]\"}")).expect(200);
        patchHelena("strict", operation).expectError(400, "noTarget");
        patchHelena("entra", operation).expectNoContent();
        assertEquals("+44 20 7946 0000", ldap(HELENA_DN, "mobile"));
    }

    @Test
    void bareFilterValuesAreQuotedForEntraAndRefusedUnderStrict() {
        String query = "/Users?filter=" + java.net.URLEncoder.encode("userName eq helena.marsh@example.com",
                java.nio.charset.StandardCharsets.UTF_8);
        as("strict", "GET", query, null).expectError(400, "invalidFilter");
        assertEquals(1, as("entra", "GET", query, null).expect(200).get("totalResults").asInt());
    }

    @Test
    void attributesNoSchemaDefinesAreDroppedForEntraAndRefusedUnderStrict() {
        String body = """
                {"schemas": ["%s"], "userName": "ann.misspelt@example.com", "name": {"familyName": "Misspelt"},
                 "adreses": [{"country": "DE"}], "%s": {"employeNumber": "1"}}""".formatted(SCHEMA_USER,
                SCHEMA_ENTERPRISE);
        as("strict", "POST", "/Users", body).expectError(400, "invalidValue");
        assertNull(bridge.entry(userDn("ann.misspelt@example.com")));
        JsonNode created = as("entra", "POST", "/Users", body).expect(201);
        assertFalse(created.has("adreses"));
        assertEquals("Misspelt", ldap(userDn("ann.misspelt@example.com"), "sn"));
    }

    @Test
    void bodiesWithoutSchemasAreRefusedUnderStrictOnly() {
        String user = "{\"userName\": \"no.schemas@example.com\"}";
        as("strict", "POST", "/Users", user).expectError(400, "invalidValue");
        assertNull(bridge.entry(userDn("no.schemas@example.com")));
        as("strict", "PATCH", "/Users/" + bridge.idOf(HELENA_DN),
                "{\"Operations\": [{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Unlisted\"}]}")
                .expectError(400, "invalidValue");
        assertNotEquals("Unlisted", ldap(HELENA_DN, "title"));
        as("okta", "POST", "/Users", user).expect(201);
    }

    @Test
    void plusSignsInTheQueryAreSpacesUnderStrict() {
        JsonNode list = as("strict", "GET", "/Users?filter=userName+eq+%22helena.marsh%40example.com%22", null)
                .expect(200);
        assertEquals(1, list.get("totalResults").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void theBearerSchemeIsReadInAnyCaseUnderStrict(String scheme) {
        bridge.request("GET", "/Users?count=1").header("Authorization", scheme + " " + tokenOf("strict")).send()
                .expect(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/scim+json; charset=utf-8", "application/json",
            "application/json;charset=UTF-8"})
    void bothJsonMediaTypesWithACharsetAreAcceptedUnderStrict(String contentType) {
        bridge.request("PATCH", "/Users/" + bridge.idOf(HELENA_DN))
                .header("Authorization", "Bearer " + tokenOf("strict")).header("Content-Type", contentType)
                .body(patch("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Typed\"}")).send().expect(200);
        assertEquals("Typed", ldap(HELENA_DN, "title"));
    }

    @Test
    void oktaGetsTheResourceAfterAPatchAndEntraNoContentWithTheETag() {
        String operation = "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Surveyor\"}";
        JsonNode resource = patchHelena("okta", operation).expect(200);
        assertEquals("Surveyor", resource.get("title").asText());
        ScimResponse entra = patchHelena("entra", "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Mapper\"}");
        entra.expectNoContent();
        assertNotNull(entra.header("ETag"));
        assertEquals(entra.header("ETag"), bridge.get("/Users/" + bridge.idOf(HELENA_DN)).expect(200)
                .path("meta").path("version").asText());
    }

    @Test
    void entraGetsTheResourceWhenItAsksForAttributes() {
        JsonNode resource = as("entra", "PATCH", "/Users/" + bridge.idOf(HELENA_DN) + "?attributes=title",
                patch("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Asked\"}")).expect(200);
        assertEquals("Asked", resource.get("title").asText());
    }

    @Test
    void theJournalRecordsTheConfiguredProfile() {
        patchHelena("pingone", "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Pinged\"}").expect(200);
        assertEquals("pingone", lastJournaledProfile());
    }

    /** A PATCH of Helena by the client without a configured profile. */
    private static ScimRequest unpinnedPatch(String operations) {
        return bridge.request("PATCH", "/Users/" + bridge.idOf(HELENA_DN))
                .header("Authorization", "Bearer " + BridgeUnderTest.DETECTED_TOKEN).body(patch(operations));
    }

    @Test
    void anUnpinnedClientIsDetectedFromItsUserAgentAndTheJournalSaysSo() {
        unpinnedPatch("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Detected\"}")
                .header("User-Agent", "Okta SCIM Client 1.0.0").send().expect(200);
        assertEquals("okta", lastJournaledProfile());
    }

    @Test
    void anUnpinnedClientSendingCapitalisedOpsIsTakenForEntra() {
        unpinnedPatch("{\"op\": \"Replace\", \"path\": \"title\", \"value\": \"Shaped\"}").send().expectNoContent();
        assertEquals("entra", lastJournaledProfile());
        assertEquals("Shaped", ldap(HELENA_DN, "title"));
    }

    @Test
    void anUnrecognisedClientIsLenientAndAnsweredWithTheResource() {
        JsonNode resource = unpinnedPatch("{\"op\": \"replace\", \"path\": \"active\", \"value\": \"false\"}")
                .send().expect(200);
        assertFalse(resource.get("active").booleanValue());
        assertEquals("lenient", lastJournaledProfile());
    }
}
