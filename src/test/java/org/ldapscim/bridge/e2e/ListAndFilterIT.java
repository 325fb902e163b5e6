package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.GROUPS;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.PEOPLE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_ENTERPRISE;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.SCHEMA_LIST;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.groupDn;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;
import static org.ldapscim.bridge.testsupport.ScimResponse.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** Listing and filtering over the 1,600 demo users and 28 groups (RFC 7644 §3.4.2). */
class ListAndFilterIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final int USERS = 1600;
    private static final int MAX_RESULTS = 200;

    @Test
    void aPagedWalkVisitsEveryUserOnce() {
        long started = System.nanoTime();
        Set<String> seen = walk("");
        long fullMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        Set<String> seenWithoutGroups = walk("&excludedAttributes=groups");
        long slimMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("timing: paged walk of %d users, pages of 150: %d ms with all attributes,"
                + " %d ms with excludedAttributes=groups%n", USERS, fullMillis, slimMillis);

        assertEquals(USERS, seen.size());
        assertEquals(seen, seenWithoutGroups);
        assertEquals(USERS, bridge.count(PEOPLE, "(objectClass=inetOrgPerson)"));
    }

    private static Set<String> walk(String parameters) {
        Set<String> seen = new HashSet<>();
        for (int startIndex = 1; ; startIndex += 150) {
            JsonNode page = bridge.get("/Users?startIndex=" + startIndex + "&count=150" + parameters).expect(200);
            assertEquals(USERS, page.get("totalResults").intValue());
            assertEquals(startIndex, page.get("startIndex").intValue());
            assertEquals(Math.max(0, Math.min(150, USERS - startIndex + 1)), page.get("itemsPerPage").intValue());
            assertEquals(page.get("itemsPerPage").intValue(), page.get("Resources").size());
            page.get("Resources").forEach(user -> assertTrue(seen.add(user.get("id").asText()), "seen twice: " + user));
            if (page.get("itemsPerPage").intValue() < 150) {
                return seen;
            }
        }
    }

    @Test
    void withoutParametersAPageHoldsMaxResultsUsersFromIndexOne() {
        int advertised = bridge.get("/ServiceProviderConfig").expect(200).at("/filter/maxResults").intValue();
        assertEquals(MAX_RESULTS, advertised);

        JsonNode page = bridge.get("/Users").expect(200);

        assertEquals(List.of(SCHEMA_LIST), texts(page.get("schemas")));
        assertEquals(USERS, page.get("totalResults").intValue());
        assertEquals(1, page.get("startIndex").intValue());
        assertEquals(advertised, page.get("itemsPerPage").intValue());
        assertEquals(advertised, page.get("Resources").size());
        assertEquals(advertised, bridge.get("/Users?count=5000&excludedAttributes=groups").expect(200).get("itemsPerPage").intValue(),
                "count is capped at maxResults");
    }

    @Test
    void listNumbersAreJsonIntegersNotStrings() {
        for (String query : List.of("?excludedAttributes=groups", "?startIndex=1&count=2", "?startIndex=1601&count=100", "?count=0",
                "?filter=userName%20eq%20%22nobody%40example.com%22&startIndex=1&count=100")) {
            JsonNode page = bridge.get("/Users" + query).expect(200);
            for (String field : List.of("totalResults", "startIndex", "itemsPerPage")) {
                assertTrue(page.get(field).isInt(), field + " of " + query + " is " + page.get(field));
            }
        }
    }

    @Test
    void aFilterThatMatchesNobodyIsAnEmptyListNotA404() {
        JsonNode page = bridge.get("/Users?filter=userName%20eq%20%22nobody%40example.com%22&startIndex=1&count=100")
                .expect(200);

        assertEquals(List.of(SCHEMA_LIST), texts(page.get("schemas")));
        assertEquals(0, page.get("totalResults").intValue());
        assertEquals(1, page.get("startIndex").intValue());
        assertEquals(0, page.get("itemsPerPage").intValue());
        assertEquals(0, page.path("Resources").size());
    }

    @Test
    void smallPagesAndPagesBeyondTheEnd() {
        JsonNode two = bridge.get("/Users?startIndex=1&count=2").expect(200);
        assertEquals(USERS, two.get("totalResults").intValue());
        assertEquals(2, two.get("itemsPerPage").intValue());
        assertEquals(2, two.get("Resources").size());

        JsonNode beyond = bridge.get("/Users?startIndex=1601&count=100").expect(200);
        assertEquals(USERS, beyond.get("totalResults").intValue());
        assertEquals(1601, beyond.get("startIndex").intValue());
        assertEquals(0, beyond.get("itemsPerPage").intValue());
        assertEquals(0, beyond.path("Resources").size());

        String annas = filter("userName sw \"anna.schmidt\"");
        JsonNode fewBeyond = bridge.get("/Users?" + annas + "&startIndex=101&count=100").expect(200);
        assertEquals(2, fewBeyond.get("totalResults").intValue(), "totalResults is not capped by the page");
        assertEquals(101, fewBeyond.get("startIndex").intValue());
        assertEquals(0, fewBeyond.get("itemsPerPage").intValue());

        JsonNode counted = bridge.get("/Users?count=0").expect(200);
        assertEquals(USERS, counted.get("totalResults").intValue());
        assertEquals(0, counted.get("itemsPerPage").intValue());
        assertEquals(0, counted.path("Resources").size());
    }

    @Test
    void startIndexBelowOneCountsFromOneAndANegativeCountAsZero() {
        // RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1"; "A negative value SHALL be
        // interpreted as 0".
        JsonNode fromZero = bridge.get("/Users?startIndex=0&count=3").expect(200);
        assertEquals(1, fromZero.get("startIndex").intValue());
        assertEquals(3, fromZero.get("itemsPerPage").intValue());
        assertEquals(bridge.get("/Users?startIndex=1&count=3").expect(200).get("Resources"), fromZero.get("Resources"));

        JsonNode negative = bridge.get("/Users?count=-5").expect(200);
        assertEquals(USERS, negative.get("totalResults").intValue());
        assertEquals(0, negative.get("itemsPerPage").intValue());
    }

    @Test
    void filtersMatchWhatTheDirectoryHolds() {
        Map<String, String> filters = Map.ofEntries(
                Map.entry("title co \"Engineer\"", "(title=*Engineer*)"),
                Map.entry("userName sw \"anna.\"", "(uid=anna.*)"),
                Map.entry("userName ew \"@example.com\"", "(uid=*@example.com)"),
                Map.entry("emails[type eq \"work\" and value ew \"@example.com\"]", "(mail=*@example.com)"),
                Map.entry("emails.value co \"smith\"", "(mail=*smith*)"),
                Map.entry("not (userName sw \"a\")", "(!(uid=a*))"),
                Map.entry("userName sw \"a\" or userName sw \"b\" and title co \"Manager\"",
                        "(|(uid=a*)(&(uid=b*)(title=*Manager*)))"),
                Map.entry("(userName sw \"a\" or userName sw \"b\") and title co \"Manager\"",
                        "(&(|(uid=a*)(uid=b*))(title=*Manager*))"),
                Map.entry("active eq false", "(pwdAccountLockedTime=*)"),
                Map.entry("active eq true", "(!(pwdAccountLockedTime=*))"),
                Map.entry("externalId pr", "(scimExternalId=*)"),
                Map.entry("phoneNumbers[type eq \"mobile\" and value pr]", "(mobile=*)"),
                Map.entry("addresses[type eq \"work\" and locality eq \"San Francisco\"]", "(l=San Francisco)"),
                Map.entry(SCHEMA_ENTERPRISE + ":department eq \"Engineering\"", "(departmentNumber=Engineering)"),
                Map.entry("userName pr", "(uid=*)"),
                Map.entry("name.givenName eq \"anna\"", "(givenName=Anna)"));
        for (Map.Entry<String, String> pair : filters.entrySet()) {
            int expected = bridge.count(PEOPLE, "(&(objectClass=inetOrgPerson)" + pair.getValue() + ")");
            JsonNode page = bridge.get("/Users?" + filter(pair.getKey()) + "&count=0").expect(200);
            assertEquals(expected, page.get("totalResults").intValue(), pair.getKey());
        }
        assertEquals(48, bridge.get("/Users?" + filter("active eq false") + "&count=0").expect(200)
                .get("totalResults").intValue());
    }

    @Test
    void filtersFindNonAsciiNamesAndDnSpecialCharacters() {
        Map<String, String> byUserName = Map.of(
                "userName eq \"łukasz.wróbel@example.com\"", "łukasz.wróbel@example.com",
                "userName eq \"王伟@example.com\"", "王伟@example.com",
                "userName eq \"ZOË.ÅNGSTRÖM@example.com\"", "zoë.ångström@example.com",
                "userName eq \"\\\"lindgren,erik\\\"@example.com\"", "\"lindgren,erik\"@example.com",
                "userName eq \"ann+sales@example.com\"", "ann+sales@example.com",
                "displayName eq \"Priya Raman (EXAMPLE\\\\praman)\"", "priya.raman@example.com",
                "displayName eq \"Müller, Jörg\"", "joerg.mueller@example.com",
                "title eq \"#1 Account Executive (FY2024)\"", "inigo.fernandez@example.com");
        for (Map.Entry<String, String> pair : byUserName.entrySet()) {
            JsonNode page = bridge.get("/Users?" + filter(pair.getKey())).expect(200);
            assertEquals(1, page.get("totalResults").intValue(), pair.getKey() + ": " + page);
            assertEquals(pair.getValue(), page.at("/Resources/0/userName").asText(), pair.getKey());
            assertEquals(bridge.idOf(userDn(pair.getValue())), page.at("/Resources/0/id").asText());
        }
        Map<String, String> groups = Map.of(
                "displayName eq \"R&D, Europe\"", "R&D, Europe",
                "displayName eq \"Sales+Marketing\"", "Sales+Marketing",
                "displayName eq \"The \\\"A\\\" Team\"", "The \"A\" Team",
                "displayName eq \"#general\"", "#general",
                "displayName eq \"EXAMPLE\\\\IT Admins\"", "EXAMPLE\\IT Admins",
                "displayName eq \"<Interns>\"", "<Interns>",
                "displayName eq \"Coffee ☕ Club\"", "Coffee ☕ Club",
                "displayName co \"München\"", "Entwicklung München");
        for (Map.Entry<String, String> pair : groups.entrySet()) {
            JsonNode page = bridge.get("/Groups?" + filter(pair.getKey()) + "&excludedAttributes=members").expect(200);
            assertEquals(1, page.get("totalResults").intValue(), pair.getKey() + ": " + page);
            assertEquals(pair.getValue(), page.at("/Resources/0/displayName").asText());
            assertEquals(bridge.idOf(groupDn(pair.getValue())), page.at("/Resources/0/id").asText());
        }
    }

    @Test
    void filtersOnIdsReferencesAndTheEnterpriseExtension() {
        String helenaId = bridge.idOf(userDn("helena.marsh@example.com"));
        assertEquals(List.of(helenaId), ids("/Users?" + filter("id eq \"" + helenaId + "\"")));
        assertEquals(List.of(helenaId), ids("/Users?" + filter("externalId eq \"ext-00001\"")));
        assertEquals(List.of(), ids("/Users?" + filter("externalId eq \"EXT-00001\"")), "externalId is caseExact");
        assertEquals(List.of(helenaId), ids("/Users?" + filter(SCHEMA_ENTERPRISE + ":employeeNumber eq \"E10001\"")));
        assertEquals(List.of(helenaId), ids("/Users?" + filter("employeeNumber eq \"E10001\"")));
        int vps = bridge.count(PEOPLE, "(manager=" + userDn("helena.marsh@example.com") + ")");
        assertEquals(6, vps);
        assertEquals(vps, bridge.get("/Users?" + filter(SCHEMA_ENTERPRISE + ":manager.value eq \"" + helenaId + "\"")
                + "&count=0").expect(200).get("totalResults").intValue());

        String backendId = bridge.idOf(groupDn("Backend"));
        Set<String> holdingBackend = new HashSet<>(ids("/Groups?" + filter("members.value eq \"" + backendId + "\"")
                + "&excludedAttributes=members"));
        assertEquals(Set.of(bridge.idOf(groupDn("Engineering"))), holdingBackend);
        String joergId = bridge.idOf(userDn("joerg.mueller@example.com"));
        int joergsGroups = bridge.count(GROUPS, "(member=" + userDn("joerg.mueller@example.com") + ")");
        assertEquals(joergsGroups, bridge.get("/Groups?" + filter("members[value eq \"" + joergId + "\"]")
                + "&count=0").expect(200).get("totalResults").intValue());
        assertTrue(joergsGroups > 0);
    }

    @Test
    void lastModifiedGtFindsOnlyWhatChangedSince() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(20);
        String helenaId = bridge.idOf(userDn("helena.marsh@example.com"));
        bridge.patch("/Users/" + helenaId, patch("""
                {"op": "replace", "path": "title", "value": "Chief Executive"}""")).expect(200);

        assertEquals(List.of(helenaId), ids("/Users?" + filter("meta.lastModified gt \"" + before + "\"")));
        assertEquals(USERS - 1, bridge.get("/Users?" + filter("meta.lastModified le \"" + before + "\"") + "&count=0")
                .expect(200).get("totalResults").intValue());
        assertEquals(List.of(helenaId), ids("/Users?" + filter("meta.lastModified ge \"" + before
                + "\" and title eq \"Chief Executive\"")));
    }

    @Test
    void aDateTimeBeyondWhatGeneralizedTimeHoldsIsAnInvalidFilter() {
        for (String time : List.of("10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z")) {
            bridge.get("/Users?" + filter("meta.lastModified gt \"" + time + "\"")).expectError(400, "invalidFilter");
            bridge.get("/Groups?" + filter("meta.created lt \"" + time + "\"")).expectError(400, "invalidFilter");
        }
    }

    @Test
    void postDotSearchTakesASearchRequestBody() {
        JsonNode page = bridge.post("/Users/.search", """
                {
                  "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                  "filter": "userName sw \\"anna.schmidt\\"",
                  "attributes": ["userName", "name.familyName"],
                  "startIndex": 1,
                  "count": 10
                }""").expect(200);

        assertEquals(List.of(SCHEMA_LIST), texts(page.get("schemas")));
        assertEquals(2, page.get("totalResults").intValue());
        assertEquals(2, page.get("itemsPerPage").intValue());
        Set<String> names = new HashSet<>();
        for (JsonNode user : page.get("Resources")) {
            names.add(user.get("userName").asText());
            assertEquals("Schmidt", user.at("/name/familyName").asText());
            assertNull(user.get("emails"), user.toString());
            assertTrue(user.at("/name/givenName").isMissingNode(), user.toString());
        }
        assertEquals(Set.of("anna.schmidt@example.com", "anna.schmidt2@example.com"), names);

        JsonNode groups = bridge.post("/Groups/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter": "displayName eq \\"All Staff\\"", "excludedAttributes": ["members"]}""").expect(200);
        assertEquals(1, groups.get("totalResults").intValue());
        assertNull(groups.at("/Resources/0").get("members"));
    }

    @Test
    void aSearchRequestsMembersAreReadInAnyCase() {
        JsonNode page = bridge.post("/Users/.search", """
                {"Schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "Filter": "userName sw \\"anna.schmidt\\"", "Attributes": ["userName"], "StartIndex": 2, "Count": 5}""")
                .expect(200);

        assertEquals(2, page.get("totalResults").intValue(), "the filter was applied");
        assertEquals(2, page.get("startIndex").intValue());
        assertEquals(1, page.get("itemsPerPage").intValue());
        assertNull(page.at("/Resources/0").get("name"), "the attributes were applied");
    }

    @Test
    void ldapFilterInjectionThroughAScimFilterFindsNothing() {
        for (String injection : List.of("userName eq \"*)(objectClass=*\"", "userName eq \"*\"",
                "userName co \"*\"", "userName sw \"*)(uid=*\"", "userName eq \"\\\\2a\"",
                "userName eq \"helena.marsh@example.com)(|(uid=*\"", "displayName eq \"*\"")) {
            JsonNode page = bridge.get("/Users?" + filter(injection)).expect(200);
            assertEquals(0, page.get("totalResults").intValue(), injection + " found " + page.get("totalResults"));
        }
        JsonNode raw = bridge.get("/Users?filter=userName%20eq%20%22*)(objectClass%3D*%22").expect(200);
        assertEquals(0, raw.get("totalResults").intValue());
        JsonNode groups = bridge.get("/Groups?" + filter("displayName eq \"*\"")).expect(200);
        assertEquals(0, groups.get("totalResults").intValue());
    }

    private static List<String> ids(String path) {
        List<String> ids = new ArrayList<>();
        bridge.get(path).expect(200).path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        return ids;
    }

    /** {@code filter=...} as a browser or an IdP encodes it: spaces as +, the rest percent-encoded. */
    static String filter(String scimFilter) {
        return "filter=" + URLEncoder.encode(scimFilter, StandardCharsets.UTF_8);
    }
}
