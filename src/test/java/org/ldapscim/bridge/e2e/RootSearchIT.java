package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_LIST;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** Searches at the SCIM root over Users and Groups together (RFC 7644 §3.4.2.1, §3.4.3). */
class RootSearchIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static JsonNode search(String members) {
        JsonNode list = bridge.post("/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]%s}"""
                .formatted(members.isEmpty() ? "" : ", " + members)).expect(200);
        assertEquals(List.of(SCHEMA_LIST), texts(list.get("schemas")));
        return list;
    }

    private static int total(String path) {
        return bridge.get(path).expect(200).get("totalResults").intValue();
    }

    private static String encoded(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> types(JsonNode list) {
        List<String> types = new ArrayList<>();
        list.get("Resources").forEach(r -> types.add(r.at("/meta/resourceType").asText()));
        return types;
    }

    @Test
    void withoutAFilterEveryUserAndGroupIsCountedUsersFirst() {
        int users = total("/Users?count=0");
        int groups = total("/Groups?count=0");
        JsonNode list = search("\"count\": 3");
        assertEquals(users + groups, list.get("totalResults").intValue());
        assertEquals(List.of("User", "User", "User"), types(list));
        assertEquals(3, list.get("itemsPerPage").intValue());
    }

    @Test
    void aPageThatCrossesFromUsersToGroupsHoldsTheLastUsersThenTheFirstGroups() {
        int users = total("/Users?count=0");
        JsonNode list = search("\"startIndex\": %d, \"count\": 4".formatted(users - 1));
        assertEquals(List.of("User", "User", "Group", "Group"), types(list));
        assertEquals(users - 1, list.get("startIndex").intValue());
        JsonNode firstGroups = bridge.get("/Groups?count=2").expect(200).get("Resources");
        assertEquals(firstGroups.get(0).get("id"), list.at("/Resources/2/id"));
        assertEquals(firstGroups.get(1).get("id"), list.at("/Resources/3/id"));
        JsonNode past = search("\"startIndex\": 100000");
        assertEquals(0, past.get("Resources").size());
    }

    @Test
    void aFilterIsAppliedToEachTypeAndTheTotalsAdd() {
        String filter = "displayName sw \"E\"";
        int expected = total("/Users?count=0&filter=" + encoded(filter)) + total("/Groups?count=0&filter=" + encoded(filter));
        assertTrue(expected > 0);
        assertEquals(expected, search("\"filter\": \"displayName sw \\\"E\\\"\", \"count\": 0").get("totalResults").intValue());
    }

    @Test
    void anAttributeOneTypeLacksMatchesNothingThereInsteadOfFailing() {
        JsonNode list = search("""
                "filter": "userName eq \\"helena.marsh@example.com\\" or displayName eq \\"Engineering\\"\"""");
        assertEquals(2, list.get("totalResults").intValue(), list.toString());
        assertEquals(List.of("User", "Group"), types(list));
        JsonNode onlyUsers = search("\"filter\": \"members pr and userName pr\"");
        assertEquals(0, onlyUsers.get("totalResults").intValue(), "no type has both");
    }

    @Test
    void anAttributeNoTypeMapsIsInvalidFilter() {
        bridge.post("/.search", """
                {"filter": "shoeSize gt 40"}""").expectError(400, "invalidFilter");
        bridge.get("/?filter=" + encoded("shoeSize gt 40")).expectError(400, "invalidFilter");
        bridge.post("/.search", """
                {"filter": "userName eq"}""").expectError(400, "invalidFilter");
    }

    @Test
    void attributesAreHonouredPerTypeWithItsOwnCoreSchema() {
        int users = total("/Users?count=0");
        JsonNode list = search("\"startIndex\": %d, \"count\": 2, \"attributes\": [\"displayName\"]".formatted(users));
        for (JsonNode resource : list.get("Resources")) {
            List<String> names = new ArrayList<>();
            resource.fieldNames().forEachRemaining(names::add);
            assertTrue(List.of("schemas", "id", "displayName").containsAll(names), names.toString());
            assertTrue(names.contains("displayName"), resource.toString());
        }
        JsonNode excluded = search("\"count\": 1, \"excludedAttributes\": \"emails\"");
        assertTrue(excluded.at("/Resources/0/emails").isMissingNode());
    }

    @Test
    void getOnTheRootTakesTheSameQueryParameters() {
        JsonNode list = bridge.get("/?count=1&filter=" + encoded("userName eq \"helena.marsh@example.com\"")).expect(200);
        assertEquals(1, list.get("totalResults").intValue());
        assertEquals("helena.marsh@example.com", list.at("/Resources/0/userName").asText());
        bridge.request("GET", "/").without("Authorization").send().expectError(401, null);
    }

    @Test
    void hostileFiltersAreRefusedQuicklyWith400() {
        String deep = "(".repeat(4000) + "userName pr" + ")".repeat(4000);
        bridge.post("/.search", "{\"filter\": \"" + deep.substring(0, 4090) + "\"}").expectError(400, "invalidFilter");
        bridge.post("/.search", "{\"filter\": \"" + "x".repeat(500_000) + "\"}").expectError(400, "invalidFilter");
        bridge.post("/Users/.search", "{\"filter\": \"" + "not (".repeat(600) + "userName pr" + ")".repeat(600) + "\"}")
                .expectError(400, "invalidFilter");
        bridge.post("/.search", "{\"filter\": 7}").expectError(400, "invalidValue");
        bridge.post("/.search", "[]").expectError(400, "invalidSyntax");
    }
}
