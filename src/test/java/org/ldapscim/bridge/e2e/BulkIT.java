package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_GROUP;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_PATCH;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_USER;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ldapscim.bridge.journal.JournalEntry;
import org.ldapscim.bridge.journal.Operation;
import org.ldapscim.bridge.journal.Outcome;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** {@code POST /Bulk} (RFC 7644 §3.7) against the demo directory: bulkId references, failures, failOnErrors. */
class BulkIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    static String bulk(String failOnErrors, String... operations) {
        return """
                {"schemas": ["%s"], %s"Operations": [%s]}""".formatted(BULK,
                failOnErrors == null ? "" : "\"failOnErrors\": " + failOnErrors + ", ", String.join(", ", operations));
    }

    static String postUser(String bulkId, String userName) {
        return """
                {"method": "POST", "path": "/Users", "bulkId": "%s",
                 "data": {"schemas": ["%s"], "userName": "%s", "name": {"givenName": "Bulk", "familyName": "Made"}}}"""
                .formatted(bulkId, SCHEMA_USER, userName);
    }

    private static String postGroup(String bulkId, String displayName, String... memberValues) {
        StringBuilder members = new StringBuilder();
        for (String value : memberValues) {
            members.append(members.isEmpty() ? "" : ", ").append("{\"value\": \"").append(value).append("\"}");
        }
        return """
                {"method": "POST", "path": "/Groups", "bulkId": "%s",
                 "data": {"schemas": ["%s"], "displayName": "%s", "members": [%s]}}"""
                .formatted(bulkId, SCHEMA_GROUP, displayName, members);
    }

    private static JsonNode operations(String body) {
        JsonNode response = bridge.post("/Bulk", body).expect(200);
        assertEquals(List.of("urn:ietf:params:scim:api:messages:2.0:BulkResponse"), texts(response.get("schemas")));
        return response.get("Operations");
    }

    /** Each operation's own status, not those of the errors inside. */
    private static List<String> statuses(JsonNode operations) {
        List<String> statuses = new java.util.ArrayList<>();
        operations.forEach(op -> statuses.add(op.get("status").asText()));
        return statuses;
    }

    @Test
    void aGroupNamesAUserCreatedLaterInTheSameRequestThroughItsBulkId() throws LDAPException {
        JsonNode ops = operations(bulk(null,
                postGroup("g1", "Bulk Guild", "bulkId:u1"),
                postUser("u1", "bulk.one@example.com")));

        assertEquals(2, ops.size());
        assertEquals("g1", ops.get(0).get("bulkId").asText());
        assertEquals("POST", ops.get(0).get("method").asText());
        assertEquals("201", ops.get(0).get("status").asText(), "status is a string: " + ops);
        assertEquals("201", ops.get(1).get("status").asText());
        String userId = bridge.idOf(userDn("bulk.one@example.com"));
        assertEquals(bridge.baseUrl() + "/Users/" + userId, ops.get(1).get("location").asText());
        assertTrue(ops.get(0).get("location").asText().startsWith(bridge.baseUrl() + "/Groups/"));
        Entry group = bridge.entry(groupDn("Bulk Guild"));
        assertEquals(1, group.getAttributeValues("member").length);
        assertEquals(new DN(userDn("bulk.one@example.com")), new DN(group.getAttributeValue("member")));
        List<JournalEntry> journal = bridge.journalEntries();
        assertEquals(List.of(Operation.CREATE, Operation.CREATE), journal.stream().map(JournalEntry::operation).toList(),
                "the user is created first, and each operation is journaled as a single request would be");
        assertEquals("User", journal.get(0).resourceType());
    }

    @Test
    void patchPutAndDeleteReachAResourceThroughABulkIdPath() {
        JsonNode ops = operations(bulk(null,
                postUser("u2", "bulk.two@example.com"),
                """
                {"method": "PATCH", "path": "/Users/bulkId:u2", "data": {"schemas": ["%s"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Bulk Tester"}]}}""".formatted(SCHEMA_PATCH),
                """
                {"method": "PUT", "path": "/Users/bulkId:u2", "data": {"schemas": ["%s"],
                 "userName": "bulk.two@example.com", "title": "Replaced", "name": {"familyName": "Made"}}}"""
                        .formatted(SCHEMA_USER)));
        assertEquals(List.of("201", "200", "200"), statuses(ops), ops.toString());
        assertEquals("Replaced", bridge.entry(userDn("bulk.two@example.com")).getAttributeValue("title"));
        assertFalse(ops.get(1).path("version").asText().isEmpty(), "a write answers with its version");

        String id = bridge.idOf(userDn("bulk.two@example.com"));
        JsonNode deleted = operations(bulk(null, """
                {"method": "DELETE", "path": "/Users/%s"}""".formatted(id)));
        assertEquals("204", deleted.get(0).get("status").asText());
        assertEquals(bridge.baseUrl() + "/Users/" + id, deleted.get(0).get("location").asText());
        assertNull(bridge.entry(userDn("bulk.two@example.com")));
    }

    @Test
    void aFailedOperationCarriesItsScimErrorAndTheOthersStillRun() {
        JsonNode ops = operations(bulk(null,
                postUser("dup", "helena.marsh@example.com"),
                postGroup("g", "Bulk Dependants", "bulkId:dup"),
                postUser("ok", "bulk.three@example.com"),
                """
                {"method": "DELETE", "path": "/Users/00000000-0000-0000-0000-000000000000"}"""));

        assertEquals(List.of("409", "409", "201", "404"), statuses(ops), ops.toString());
        JsonNode error = ops.get(0).get("response");
        assertEquals(List.of(BridgeUnderTest.SCHEMA_ERROR), texts(error.get("schemas")));
        assertEquals("uniqueness", error.get("scimType").asText());
        assertEquals("409", error.get("status").asText());
        assertNull(ops.get(0).get("location"), "a failed POST has no location");
        assertTrue(ops.get(1).at("/response/detail").asText().contains("dup"), ops.get(1).toString());
        assertNull(bridge.entry(groupDn("Bulk Dependants")), "what depends on a failed POST does not run");
        assertNotNull(bridge.entry(userDn("bulk.three@example.com")));
        assertEquals(bridge.baseUrl() + "/Users/00000000-0000-0000-0000-000000000000",
                ops.get(3).get("location").asText(), "a failed DELETE names what it was about (RFC 7644 §3.7)");
    }

    @Test
    void failOnErrorsStopsTheRequestOnceThatManyOperationsFailed() {
        JsonNode ops = operations(bulk("1",
                postUser("dup", "helena.marsh@example.com"),
                postUser("later", "bulk.four@example.com")));

        assertEquals(1, ops.size(), "operations after the limit are not reported: " + ops);
        assertEquals("409", ops.get(0).get("status").asText());
        assertNull(bridge.entry(userDn("bulk.four@example.com")), "and do not run");

        JsonNode two = operations(bulk("2",
                postUser("dup", "helena.marsh@example.com"),
                postUser("later", "bulk.four@example.com")));
        assertEquals(List.of("409", "201"), statuses(two));
    }

    @Test
    void circularAndUnknownBulkIdReferencesFailOnlyTheirOperations() {
        Map<DN, Entry> before = bridge.allEntries();
        JsonNode ops = operations(bulk(null,
                postGroup("a", "Circle A", "bulkId:b"),
                postGroup("b", "Circle B", "bulkId:a"),
                postGroup("self", "Circle Self", "bulkId:self"),
                """
                {"method": "PATCH", "path": "/Groups/bulkId:nowhere", "data": {"schemas": ["%s"],
                 "Operations": [{"op": "add", "path": "members", "value": [{"value": "x"}]}]}}""".formatted(SCHEMA_PATCH)));

        assertEquals(List.of("409", "409", "409", "400"), statuses(ops), ops.toString());
        assertEquals("invalidValue", ops.get(3).at("/response/scimType").asText());
        assertEquals(before, bridge.allEntries(), "nothing in a circle runs");
        assertEquals(List.of(), bridge.journalEntries());
    }

    @Test
    void anEmptyRequestAnswersAnEmptyResponse() {
        assertEquals(0, operations(bulk(null)).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []                                                                                        | invalidSyntax
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}          | invalidValue
            {"Operations": []}                                                                        | invalidValue
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]}                        | invalidSyntax
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": {}}      | invalidSyntax
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [1]}     | invalidSyntax
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": 0, "Operations": []}   | invalidValue
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "failOnErrors": "1", "Operations": []} | invalidValue
            """)
    void aMalformedBulkBodyIsRefusedWhole(String body, String scimType) {
        bridge.post("/Bulk", body).expectError(400, scimType);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"method": "GET", "path": "/Users", "bulkId": "x"}
            {"method": "POST", "path": "/Users", "data": {}}
            {"method": "POST", "path": "Users", "bulkId": "x", "data": {}}
            {"method": "POST", "bulkId": "x", "data": {}}
            {"method": "PUT", "path": "/Users/x"}
            {"method": "PATCH", "path": "/Users/x", "data": "replace"}
            {"method": "POST", "path": "/Users", "bulkId": "", "data": {}}
            {"method": "POST", "path": "/Users", "bulkId": 7, "data": {}}
            """)
    void aMalformedOperationRefusesTheWholeRequestBeforeAnythingRuns(String badOperation) {
        Map<DN, Entry> before = bridge.allEntries();
        bridge.post("/Bulk", bulk(null, postUser("first", "bulk.five@example.com"), badOperation))
                .expectError(400, "invalidValue");
        assertEquals(before, bridge.allEntries());
        assertEquals(List.of(), bridge.journalEntries());
    }

    @Test
    void twoOperationsWithOneBulkIdAreRefused() {
        bridge.post("/Bulk", bulk(null, postUser("same", "bulk.six@example.com"), postUser("same", "bulk.seven@example.com")))
                .expectError(400, "invalidValue");
        assertNull(bridge.entry(userDn("bulk.six@example.com")));
    }

    @Test
    void badPathsAndBadDataFailTheirOperationWithAScimError() {
        JsonNode ops = operations(bulk(null,
                """
                {"method": "POST", "path": "/Nothing", "bulkId": "n", "data": {}}""",
                """
                {"method": "POST", "path": "/Users/abc", "bulkId": "p", "data": {}}""",
                """
                {"method": "DELETE", "path": "/Users"}""",
                """
                {"method": "POST", "path": "/Users", "bulkId": "bad", "data": {"schemas": ["%s"], "displayName": "no userName"}}"""
                        .formatted(SCHEMA_USER),
                """
                {"method": "PATCH", "path": "/Users/x)(uid=*", "data": {"schemas": ["%s"],
                 "Operations": [{"op": "replace", "path": "title", "value": "t"}]}}""".formatted(SCHEMA_PATCH)));
        assertEquals(List.of("404", "400", "400", "400", "404"), statuses(ops), ops.toString());
        for (JsonNode op : ops) {
            assertTrue(op.at("/response/detail").isTextual(), op.toString());
        }
        assertEquals(List.of(), bridge.journalEntries().stream().filter(e -> e.outcome() == Outcome.SUCCEEDED).toList());
    }

    @Test
    void bulkRequiresABearerToken() {
        bridge.request("POST", "/Bulk").without("Authorization").body(bulk(null)).send().expectError(401, null);
    }
}
