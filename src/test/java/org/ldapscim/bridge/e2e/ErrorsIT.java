package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.ListAndFilterIT.filter;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.AuthConfig;
import org.ldapscim.bridge.config.FailureLimitConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;
import org.ldapscim.bridge.testsupport.ScimRequest;
import org.ldapscim.bridge.testsupport.ScimResponse;

/**
 * Every bad request gets a SCIM Error (RFC 7644 §3.12) with the right status and scimType, never a 500 or a
 * framework's own page, and a refused write leaves the directory exactly as it was.
 */
class ErrorsIT {
    // One test sends a dozen refused credentials: more than the default lockout allows (CallerLimitsIT tests that).
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest(ServerConfig.defaults(),
            new AuthConfig(List.of(), new FailureLimitConfig(100, null, null)));

    private static final String HELENA = "helena.marsh@example.com";
    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

    private static String helenaId() {
        return bridge.idOf(userDn(HELENA));
    }

    private static String user(String userName) {
        return """
                {"schemas": ["%s"], "userName": "%s", "name": {"familyName": "Example"}}""".formatted(SCHEMA_USER, userName);
    }

    /** Sends a write that must be refused, and checks it changed neither the directory nor the journal. */
    private static JsonNode refused(ScimRequest request, int status, String scimType) {
        Map<DN, Entry> before = bridge.allEntries();
        JsonNode error = request.send().expectError(status, scimType);
        assertUnchanged(before);
        return error;
    }

    /**
     * Sends a write whose body is over the size limit: 413, or the connection closed on it. The server stops
     * reading at the limit, and a client still sending may see the connection reset before it reads the 413,
     * which RFC 9110 §15.5.14 allows. Either way nothing changed.
     */
    private static void refusedAsTooLarge(ScimRequest request) {
        Map<DN, Entry> before = bridge.allEntries();
        try {
            request.send().expectError(413, null);
        } catch (IllegalStateException e) {
            assertInstanceOf(IOException.class, e.getCause(), e.toString());
        }
        assertUnchanged(before);
    }

    private static void assertUnchanged(Map<DN, Entry> before) {
        assertEquals(before, bridge.allEntries(), "a refused write changed the directory");
        assertTrue(bridge.journalEntries().stream().noneMatch(e -> e.outcome() == Outcome.SUCCEEDED),
                "a refused write was journaled as done: " + bridge.journalEntries());
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreInvalidSyntax() {
        for (String body : List.of("{\"userName\": ", "{\"userName\": \"x\"} trailing", "not json at all",
                "[]", "[{\"userName\": \"x\"}]", "\"a string\"", "42", "null")) {
            refused(bridge.request("POST", "/Users").body(body), 400, "invalidSyntax");
            refused(bridge.request("PUT", "/Users/" + helenaId()).body(body), 400, "invalidSyntax");
            refused(bridge.request("PATCH", "/Users/" + helenaId()).body(body), 400, "invalidSyntax");
        }
        refused(bridge.request("POST", "/Users").body(""), 400, "invalidSyntax");
        refused(bridge.request("PATCH", "/Groups/" + bridge.idOf(groupDn("Backend"))).body(""), 400, "invalidSyntax");
        refused(bridge.request("POST", "/Users").body("{\"userName\": \"a\", \"userName\": \"b\"}"), 400, "invalidSyntax");
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            refused(bridge.request("POST", "/Users").header("Content-Type", type).body(user("ct@example.com")), 415, null);
            refused(bridge.request("PATCH", "/Users/" + helenaId()).header("Content-Type", type)
                    .body(patch("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}")), 415, null);
        }
    }

    @Test
    void scimJsonWithACharsetAndPlainJsonAreBothAccepted() {
        bridge.request("POST", "/Users").header("Content-Type", "application/scim+json; charset=utf-8")
                .body(user("charset@example.com")).send().expect(201);
        bridge.request("POST", "/Users").header("Content-Type", "application/json").body(user("json@example.com"))
                .send().expect(201);
        bridge.request("POST", "/Users").header("Content-Type", "Application/SCIM+JSON;charset=UTF-8")
                .body(user("upper@example.com")).send().expect(201);
        for (String accept : List.of("application/json", "*/*", "application/scim+json, application/json;q=0.9")) {
            ScimResponse response = bridge.request("GET", "/Users/" + helenaId()).header("Accept", accept).send();
            response.expect(200);
        }
        assertEquals(1, bridge.count(BridgeUnderTest.PEOPLE, "(uid=json@example.com)"));
    }

    @Test
    void badFilterSyntaxIsInvalidFilter() {
        // Not listed: the SCIM 2 SDK's parser (5.0.0) takes an unclosed value filter, emails[type eq "work",
        // as if it were closed; the bridge leaves parsing to the SDK.
        for (String bad : List.of("userName eq", "userName xx \"a\"", "(userName eq \"a\"", "userName eq \"a\")",
                "userName eq \"unterminated", "and", "userName eq \"a\" and", "emails[type eq \"work\"]]",
                "userName eq 'single'", "userName eq bare")) {
            bridge.get("/Users?" + filter(bad)).expectError(400, "invalidFilter");
        }
        bridge.get("/Users?" + filter("userName eq \"" + "x".repeat(5000) + "\"")).expectError(400, "invalidFilter");
        bridge.get("/Users?" + filter("not (".repeat(40) + "userName eq \"a\"" + ")".repeat(40)))
                .expectError(400, "invalidFilter");
        bridge.get("/Users?" + filter("not (".repeat(8) + "userName eq \"a\"" + ")".repeat(8))).expect(200);
        bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq"}""")
                .expectError(400, "invalidFilter");
    }

    @Test
    void unknownOrUnsearchableFilterAttributesAreInvalidFilter() {
        for (String bad : List.of("nonsense eq \"x\"", "nickName eq \"x\"", "password eq \"x\"", "name.middleName eq \"x\"",
                "emails.foo eq \"x\"", "urn:example:unknown:2.0:User:foo eq \"x\"", "meta.version eq \"x\"",
                "active gt true", "members.value co \"a\"")) {
            bridge.get("/Users?" + filter(bad)).expectError(400, "invalidFilter");
        }
        bridge.get("/Groups?" + filter("userName eq \"x\"")).expectError(400, "invalidFilter");
        bridge.get("/Groups?" + filter("members.value sw \"a\"")).expectError(400, "invalidFilter");
    }

    @Test
    void unknownAttributesInAPostOrPutAreRefused() {
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["%s"], "userName": "ghost@example.com", "favouriteColour": "green"}""".formatted(SCHEMA_USER)),
                400, "invalidValue");
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["%s"], "userName": "ghost@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"shoeSize": 44}}""".formatted(SCHEMA_USER)),
                400, "invalidValue");
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "userName": "ghost@example.com"}"""),
                400, "invalidValue");
        refused(bridge.request("PUT", "/Users/" + helenaId()).body("""
                {"schemas": ["%s"], "userName": "%s", "favouriteColour": "green"}""".formatted(SCHEMA_USER, HELENA)),
                400, "invalidValue");
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["%s"], "userName": "ghost@example.com", "active": "maybe"}""".formatted(SCHEMA_USER)),
                400, "invalidValue");
    }

    @Test
    void missingRequiredAttributesAreInvalidValue() {
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["%s"], "name": {"familyName": "Nobody"}}""".formatted(SCHEMA_USER)), 400, "invalidValue");
        refused(bridge.request("POST", "/Users").body("""
                {"schemas": ["%s"], "userName": "   "}""".formatted(SCHEMA_USER)), 400, "invalidValue");
        refused(bridge.request("POST", "/Groups").body("""
                {"schemas": ["%s"], "members": []}""".formatted(SCHEMA_GROUP)), 400, "invalidValue");
        refused(bridge.request("PUT", "/Users/" + helenaId()).body("""
                {"schemas": ["%s"], "displayName": "No userName"}""".formatted(SCHEMA_USER)), 400, "invalidValue");
        refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch("""
                {"op": "remove", "path": "userName"}""")), 400, "invalidValue");
    }

    @Test
    void readOnlyAttributesInAPatchAreMutabilityErrors() {
        for (String op : List.of(
                "{\"op\": \"replace\", \"path\": \"id\", \"value\": \"mine\"}",
                "{\"op\": \"replace\", \"path\": \"ID\", \"value\": \"mine\"}",
                "{\"op\": \"replace\", \"path\": \"Meta.LastModified\", \"value\": \"2020-01-01T00:00:00Z\"}",
                "{\"op\": \"add\", \"path\": \"Groups\", \"value\": [{\"value\": \"x\"}]}",
                "{\"op\": \"replace\", \"path\": \"meta.created\", \"value\": \"2020-01-01T00:00:00Z\"}",
                "{\"op\": \"add\", \"path\": \"groups\", \"value\": [{\"value\": \"x\"}]}")) {
            refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch(op)), 400, "mutability");
        }
    }

    @Test
    void unknownPatchPathsAreInvalidPath() {
        for (String op : List.of(
                "{\"op\": \"replace\", \"path\": \"favouriteColour\", \"value\": \"green\"}",
                "{\"op\": \"replace\", \"path\": \"name.middleName2\", \"value\": \"x\"}",
                "{\"op\": \"add\", \"path\": \"emails[type eq\", \"value\": \"x\"}",
                "{\"op\": \"replace\", \"path\": \"urn:example:unknown:2.0:User:foo\", \"value\": \"x\"}",
                "{\"op\": \"replace\", \"value\": {\"favouriteColour\": \"green\"}}")) {
            refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch(op)), 400, "invalidPath");
        }
        refused(bridge.request("PATCH", "/Groups/" + bridge.idOf(groupDn("Backend"))).body(patch(
                "{\"op\": \"replace\", \"path\": \"userName\", \"value\": \"x\"}")), 400, "invalidPath");
    }

    @Test
    void unknownOpsAndMalformedOperationsAreRefused() {
        String helena = "/Users/" + helenaId();
        refused(bridge.request("PATCH", helena).body(patch(
                "{\"op\": \"frobnicate\", \"path\": \"title\", \"value\": \"x\"}")), 400, "invalidValue");
        refused(bridge.request("PATCH", helena).body(patch("{\"path\": \"title\", \"value\": \"x\"}")), 400, "invalidValue");
        refused(bridge.request("PATCH", helena).body(patch("{\"op\": \"replace\", \"path\": \"title\"}")),
                400, "invalidValue");
        refused(bridge.request("PATCH", helena).body(patch("{\"op\": \"remove\"}")), 400, "noTarget");
        refused(bridge.request("PATCH", helena).body(patch("{\"op\": \"Remove\", \"value\": {\"title\": \"x\"}}")),
                400, "noTarget");
        refused(bridge.request("PATCH", helena).body(patch("")), 400, "invalidSyntax");
        refused(bridge.request("PATCH", helena).body("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"""), 400, "invalidSyntax");
        refused(bridge.request("PATCH", helena).body(patch("\"replace title\"")), 400, "invalidSyntax");
    }

    @Test
    void aPatchWhoseLaterOperationFailsChangesNothing() {
        String backendId = bridge.idOf(groupDn("Backend"));
        refused(bridge.request("PATCH", "/Groups/" + backendId).body(patch("""
                {"op": "add", "path": "members", "value": [{"display": "only-a-name"}]},
                {"op": "frobnicate", "path": "displayName", "value": "x"}""")), 400, "invalidValue");
        refused(bridge.request("PATCH", "/Groups/" + backendId).body(patch("""
                {"op": "add", "path": "members", "value": [{"value": "%s"}]},
                {"op": "replace", "path": "displayName", "value": "Renamed"},
                {"op": "replace", "path": "nonsense", "value": "x"}""".formatted(helenaId()))), 400, "invalidPath");
        refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch("""
                {"op": "replace", "path": "title", "value": "Changed"},
                {"op": "replace", "path": "displayName", "value": "Changed"},
                {"op": "replace", "path": "active", "value": "perhaps"}""")), 400, "invalidValue");
        refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch("""
                {"op": "replace", "path": "title", "value": "Changed"},
                {"op": "add", "path": "%s:manager", "value": {"value": "%s"}}"""
                .formatted(BridgeUnderTest.SCHEMA_ENTERPRISE, NO_SUCH_ID))), 400, "invalidValue");
    }

    @Test
    void aUserNameTakenInAnyCaseIs409Uniqueness() {
        JsonNode error = refused(bridge.request("POST", "/Users").body(user("Helena.Marsh@EXAMPLE.com")), 409, "uniqueness");
        assertTrue(error.get("detail").asText().length() > 0);
        String lindaId = bridge.idOf(userDn("linda.evans@example.com"));
        refused(bridge.request("PATCH", "/Users/" + lindaId).body(patch("""
                {"op": "replace", "path": "userName", "value": "HELENA.MARSH@example.com"}""")), 409, "uniqueness");
        refused(bridge.request("PUT", "/Users/" + lindaId).body(user("helena.marsh@example.com")), 409, "uniqueness");

        JsonNode sharingAnEmail = bridge.post("/Users", """
                {"schemas": ["%s"], "userName": "helena.assistant@example.com",
                 "emails": [{"value": "helena.marsh@example.com", "type": "work"}]}""".formatted(SCHEMA_USER)).expect(201);
        assertNotEquals(helenaId(), sharingAnEmail.get("id").asText(), "emails have uniqueness none");
        bridge.patch("/Users/" + helenaId(), patch("""
                {"op": "replace", "path": "userName", "value": "Helena.Marsh@example.com"}""")).expect(200);
    }

    @Test
    void aGroupNameTakenIs409Uniqueness() {
        refused(bridge.request("POST", "/Groups").body("""
                {"schemas": ["%s"], "displayName": "backend"}""".formatted(SCHEMA_GROUP)), 409, "uniqueness");
        refused(bridge.request("PATCH", "/Groups/" + bridge.idOf(groupDn("Frontend"))).body(patch("""
                {"op": "replace", "path": "displayName", "value": "Backend"}""")), 409, "uniqueness");
    }

    @Test
    void aNameTooLongForTheJournalIsRefusedBeforeAnythingIsWritten() {
        String longName = "x".repeat(1100) + "@example.com";
        refused(bridge.request("POST", "/Users").body(user(longName)), 400, "invalidValue");
        refused(bridge.request("PATCH", "/Users/" + helenaId()).body(patch("""
                {"op": "replace", "path": "userName", "value": "%s"}""".formatted(longName))), 400, "invalidValue");
        refused(bridge.request("PUT", "/Users/" + helenaId()).body(user(longName)), 400, "invalidValue");
        refused(bridge.request("POST", "/Groups").body("""
                {"schemas": ["%s"], "displayName": "%s"}""".formatted(SCHEMA_GROUP, "g".repeat(1100))), 400, "invalidValue");
        assertEquals(List.of(), bridge.journalEntries());
        bridge.post("/Users", user("x".repeat(900) + "@example.com")).expect(201);
    }

    @Test
    void anIdThatNamesNothingIs404() {
        for (String endpoint : List.of("/Users/", "/Groups/")) {
            for (String id : List.of(NO_SUCH_ID, "not-a-uuid", "%2A", "x%29%28objectClass%3D%2A")) {
                bridge.get(endpoint + id).expectError(404, null);
                refused(bridge.request("DELETE", endpoint + id), 404, null);
                refused(bridge.request("PATCH", endpoint + id).body(patch(
                        "{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"x\"}")), 404, null);
            }
        }
        refused(bridge.request("PUT", "/Users/" + NO_SUCH_ID).body(user("nobody@example.com")), 404, null);
        String backendId = bridge.idOf(groupDn("Backend"));
        bridge.get("/Users/" + backendId).expectError(404, null);
        bridge.get("/Groups/" + helenaId()).expectError(404, null);
    }

    @Test
    void pagingParametersThatAreNoIntegersAreInvalidValue() {
        for (String query : List.of("startIndex=abc", "count=abc", "count=1.5", "count=0x10")) {
            bridge.get("/Users?" + query).expectError(400, "invalidValue");
        }
        // RFC 7644 §3.4.2.4: numbers beyond what the server returns are clamped, not refused.
        JsonNode farAway = bridge.get("/Users?startIndex=99999999999&count=99999999999&excludedAttributes=groups")
                .expect(200);
        assertEquals(0, farAway.get("itemsPerPage").intValue());
        assertEquals(1600, farAway.get("totalResults").intValue());
        assertEquals(200, bridge.get("/Users?count=%20&excludedAttributes=groups").expect(200)
                .get("itemsPerPage").intValue(), "a blank count is no count");
        bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "count": "many"}""")
                .expectError(400, "invalidValue");
        bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "startIndex": 1.5}""")
                .expectError(400, "invalidValue");
    }

    @Test
    void unknownEndpointsAndMethodsAreScimErrors() {
        // The root itself answers queries over all types (RFC 7644 §3.4.2.1); RootSearchIT covers it.
        for (String path : List.of("/Nothing", "/Users/x/y", "/users", "/Me")) {
            bridge.get(path).expectError(404, null);
        }
        ScimResponse outside = bridge.request("GET", bridge.baseUrl().replace("/scim/v2", "/scim/v3/Users")).send();
        outside.expectError(404, null);
        for (String[] call : List.of(new String[] {"DELETE", "/Users"}, new String[] {"PUT", "/Groups"},
                new String[] {"POST", "/Users/" + NO_SUCH_ID})) {
            ScimResponse response = bridge.request(call[0], call[1]).body("{}").send();
            assertTrue(response.status() == 404 || response.status() == 405, response.toString());
            response.expectError(response.status(), null);
        }
        assertEquals(405, bridge.request("HEAD", "/Users/" + NO_SUCH_ID).send().status(),
                "HEAD would tell which ids exist");
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String huge = """
                {"schemas": ["%s"], "userName": "huge@example.com", "displayName": "%s"}"""
                .formatted(SCHEMA_USER, "x".repeat(2 * 1024 * 1024));
        refusedAsTooLarge(bridge.request("POST", "/Users").body(huge));
        refusedAsTooLarge(bridge.request("PATCH", "/Users/" + helenaId()).body(patch("""
                {"op": "replace", "path": "title", "value": "%s"}""".formatted("y".repeat(2 * 1024 * 1024)))));
        assertNull(bridge.entry(userDn("huge@example.com")));
    }

    @Test
    void requestsWithoutAValidBearerTokenAre401WithAChallenge() {
        List<ScimRequest> refusedCalls = List.of(
                bridge.request("GET", "/Users").without("Authorization"),
                bridge.request("GET", "/Users").header("Authorization", "Bearer wrong-token-0123456789"),
                bridge.request("GET", "/Users").header("Authorization", "Bearer Bearer " + BridgeUnderTest.TOKEN),
                bridge.request("GET", "/Users").header("Authorization", "Bearer"),
                bridge.request("GET", "/Users").header("Authorization", "Bearer "),
                bridge.request("GET", "/Users").header("Authorization", BridgeUnderTest.TOKEN),
                bridge.request("GET", "/Users").header("Authorization", "Basic ZTJlOnNlY3JldA=="),
                bridge.request("GET", "/Users/" + NO_SUCH_ID).without("Authorization"),
                bridge.request("GET", "/Nothing").without("Authorization"),
                bridge.request("POST", "/Bulk").without("Authorization").body("{}"),
                bridge.request("DELETE", "/Users/" + helenaId()).header("Authorization", "Bearer x"),
                bridge.request("POST", "/Users").header("Authorization", "Bearer x").body(user("intruder@example.com")));
        for (ScimRequest call : refusedCalls) {
            Map<DN, Entry> before = bridge.allEntries();
            ScimResponse response = call.send();
            response.expectError(401, null);
            String challenge = response.header("WWW-Authenticate");
            assertTrue(challenge != null && challenge.startsWith("Bearer"), response + " " + challenge);
            assertEquals(before, bridge.allEntries());
        }
        assertEquals(List.of(), bridge.journalEntries());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        for (String scheme : List.of("bearer", "BEARER", "Bearer", "bEaReR")) {
            bridge.request("GET", "/Users?" + filter("userName eq \"probe@example.com\""))
                    .header("Authorization", scheme + " " + BridgeUnderTest.TOKEN).send().expect(200);
        }
    }

    @Test
    void discoveryNeedsNoToken() {
        for (String path : List.of("/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/Schemas",
                "/Schemas/" + SCHEMA_USER)) {
            bridge.request("GET", path).without("Authorization").send().expect(200);
        }
        bridge.request("GET", "/ResourceTypes/Nothing").without("Authorization").send().expectError(404, null);
    }

    @Test
    void everyErrorKeepsItsRequestIdAndNeverLeaksInternals() {
        ScimResponse response = bridge.request("GET", "/Users/" + NO_SUCH_ID).header("X-Request-Id", "req-e2e-42").send();
        response.expectError(404, null);
        assertEquals("req-e2e-42", response.header("X-Request-Id"));
        ScimResponse conflict = bridge.post("/Users", user(HELENA));
        JsonNode error = conflict.expectError(409, "uniqueness");
        assertTrue(!error.toString().contains("dc=example") && !error.toString().contains("Exception"), error.toString());
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(List.of(), journal, "a uniqueness conflict is found before anything is written");
    }

    @Test
    void aQueryStringWithABrokenPercentEscapeIsRefusedNotReadWithoutTheParameter() throws java.io.IOException {
        for (String query : List.of("filter=userName%20eq%20%22helena.marsh@example.com%22%", "filter=%zzuserName")) {
            String answer = raw("GET /scim/v2/Users?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + BridgeUnderTest.TOKEN + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("invalidSyntax"), answer);
        }
    }

    @Test
    void theDiscoveryEndpointsRefuseAFilter() {
        for (String path : List.of("/Schemas", "/ResourceTypes", "/ServiceProviderConfig")) {
            refused(bridge.request("GET", path + "?filter=id%20eq%20%22x%22"), 403, null);
        }
    }

    @Test
    void aBodyCutShortIsABadRequestNotAServerError() throws java.io.IOException {
        String answer = raw("POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + BridgeUnderTest.TOKEN + "\r\nContent-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n"
                + "{\"userName\":");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("invalidSyntax"), answer);
    }

    @Test
    void aControlCharacterOrAnUnclosedBracketInAFilterIsInvalidFilter() {
        for (String filter : List.of("userName%00%20eq%20%22helena.marsh@example.com%22",
                "userName%20eq%20%22helena.marsh@example.com%22%01", "emails%5Btype%20eq%20%22work%22",
                "userName%20eq%20%22helena.marsh@example.com%22)")) {
            JsonNode error = refused(bridge.request("GET", "/Users?filter=" + filter), 400, "invalidFilter");
            assertTrue(error.get("detail").asText().startsWith("filter "), error.toString());
        }
    }

    @Test
    void aQueryStringThatIsNotUtf8IsRefused() {
        refused(bridge.request("GET", "/Users?filter=userName%20eq%20%22%C3%28%22"), 400, "invalidSyntax");
        bridge.get("/Users?filter=userName%20eq%20%22J%C3%B6rg%22").expect(200);
    }

    @Test
    void parseErrorDetailsAreInTheBridgesWordsWithoutJacksonsDiagnostics() {
        JsonNode unquoted = refused(bridge.request("GET", "/Users?filter=userName%20eq%20helena"), 400, "invalidFilter");
        assertEquals("filter has a comparison value at character 13 that is not a string in double quotes, a number,"
                + " true, false or null", unquoted.get("detail").asText());
        JsonNode unclosedString = refused(bridge.request("GET", "/Users?filter=userName%20eq%20%22helena"), 400,
                "invalidFilter");
        assertFalse(unclosedString.toString().contains("Source") || unclosedString.toString().contains("Jackson")
                || unclosedString.toString().contains("StreamReadFeature"), unclosedString.toString());
        JsonNode badJson = refused(bridge.request("POST", "/Users").body("{\n  \"userName\": x\n}"), 400, "invalidSyntax");
        assertEquals("the body is not valid JSON: the error is near line 2, column 17", badJson.get("detail").asText());
    }

    @Test
    void aMalformedIdInThePathIs400InvalidSyntaxWithADetail() throws java.io.IOException {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            JsonNode error = rawError(method + " /scim/v2/Users/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + BridgeUnderTest.TOKEN + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 400);
            assertEquals("invalidSyntax", error.path("scimType").asText(), error.toString());
            assertTrue(error.get("detail").asText().contains("malformed"), error.toString());
        }
    }

    @Test
    void aHeaderTooLargeIs431WithAScimErrorBody() throws java.io.IOException {
        // Jetty writes error bodies for GET, POST and HEAD only unless told otherwise: PATCH is the case to check.
        for (String method : List.of("GET", "PATCH")) {
            JsonNode error = rawError(method + " /scim/v2/Users/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + BridgeUnderTest.TOKEN + "\r\nContent-Length: 2\r\nIf-Match: W/\"" + "x".repeat(20_000)
                    + "\"\r\nConnection: close\r\n\r\n{}", 431);
            assertTrue(error.get("detail").asText().contains("header"), error.toString());
        }
    }

    /** The SCIM error a raw request is answered with, after checking its status line and schema. */
    private static JsonNode rawError(String request, int status) throws java.io.IOException {
        String answer = raw(request);
        assertTrue(answer.startsWith("HTTP/1.1 " + status), answer);
        JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(BridgeUnderTest.SCHEMA_ERROR, error.get("schemas").get(0).asText(), answer);
        assertEquals(Integer.toString(status), error.get("status").asText(), answer);
        return error;
    }

    /** What the bridge answers to bytes no HTTP client library would send. */
    private static String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(bridge.baseUrl()).getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
