package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.PEOPLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/**
 * Index and cursor pagination (RFC 7644 §3.4.2.4, RFC 9865) and sorting (§3.4.2.3) over the 1,600 demo users
 * and 3,000 more: pages are disjoint and cover everything, an import walking page after page reads each entry
 * once, and a count of matches is walked once.
 */
class PagingIT {
    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest();

    private static final int EXTRA = 3000;
    private static final int USERS = 1600 + EXTRA;
    private static final String SLIM = "&excludedAttributes=groups";

    /** The demo entries plus the extra users, loaded once and put back before every test. */
    private static InMemoryDirectoryServerSnapshot withExtraUsers;

    @BeforeEach
    void loadExtraUsers() throws LDAPException {
        if (withExtraUsers != null) {
            bridge.directory().restoreSnapshot(withExtraUsers);
            return;
        }
        for (int i = 0; i < EXTRA; i++) {
            String uid = "extra-%04d@example.com".formatted(i);
            bridge.directory().add(new Entry("uid=" + uid + "," + PEOPLE,
                    new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson",
                            "inetOrgPerson"),
                    new com.unboundid.ldap.sdk.Attribute("uid", uid),
                    new com.unboundid.ldap.sdk.Attribute("cn", "Extra " + i),
                    new com.unboundid.ldap.sdk.Attribute("sn", "Extra%04d".formatted((i * 7919) % EXTRA))));
        }
        withExtraUsers = bridge.directory().createSnapshot();
    }

    @Test
    void anIndexWalkGivesDisjointPagesThatCoverEveryUser() {
        Set<String> seen = new HashSet<>();
        for (int startIndex = 1; startIndex <= USERS; startIndex += 200) {
            JsonNode page = bridge.get("/Users?startIndex=" + startIndex + "&count=200" + SLIM).expect(200);
            assertEquals(USERS, page.get("totalResults").intValue());
            assertEquals(startIndex, page.get("startIndex").intValue());
            assertEquals(Math.min(200, USERS - startIndex + 1), page.get("Resources").size());
            page.get("Resources").forEach(user -> assertTrue(seen.add(user.get("id").asText()), "twice: " + user));
        }
        assertEquals(USERS, seen.size());
    }

    @Test
    void aCursorWalkGivesDisjointPagesThatCoverEveryUser() {
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = bridge.get("/Users?count=200" + SLIM + "&cursor=" + cursor).expect(200);
            assertFalse(page.has("startIndex"), "cursor pages have no index");
            assertEquals(page.get("Resources").size(), page.get("itemsPerPage").intValue());
            page.get("Resources").forEach(user -> assertTrue(seen.add(user.get("id").asText()), "twice: " + user));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
            assertTrue(pages <= USERS / 200 + 1, "the walk does not end");
        }
        assertEquals(USERS, seen.size());
        assertEquals((USERS + 199) / 200, pages);
    }

    @Test
    void aSearchRequestWalksByCursorToo() {
        JsonNode first = bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter": "userName sw \\"extra-\\"", "count": 2000, "cursor": ""}""").expect(200);
        assertEquals(200, first.get("Resources").size(), "count is clamped to maxPageSize");
        String next = first.get("nextCursor").asText();
        JsonNode second = bridge.post("/Users/.search", """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter": "userName sw \\"extra-\\"", "count": 2000, "cursor": "%s"}""".formatted(next)).expect(200);
        Set<String> ids = new HashSet<>(ScimIds.of(first));
        ids.retainAll(ScimIds.of(second));
        assertTrue(ids.isEmpty(), "pages overlap: " + ids);
    }

    @Test
    void anIndexWalkReadsEachPageOnceItsTotalCountedOnce() {
        bridge.get("/Users?startIndex=1&count=100" + SLIM).expect(200);
        bridge.traffic().record();
        for (int startIndex = 101; startIndex < 4601; startIndex += 100) {
            JsonNode page = bridge.get("/Users?startIndex=" + startIndex + "&count=100" + SLIM).expect(200);
            assertEquals(100, page.get("Resources").size());
            assertEquals(USERS, page.get("totalResults").intValue());
        }
        // Linear: 4,500 entries and what the directory watcher reads meanwhile; walking again from the start at
        // every page would read a hundred times as many.
        int read = bridge.traffic().entriesReturned();
        assertTrue(read < 2 * 4500, "45 pages of 100 read " + read + " entries");
    }

    @Test
    void aKeptWalkAnswersTheTotalAsTheBridgesWritesLeftIt() {
        bridge.get("/Users?startIndex=1&count=100" + SLIM).expect(200);
        assertEquals(USERS, bridge.get("/Users?startIndex=101&count=100" + SLIM).expect(200)
                .get("totalResults").intValue());
        bridge.post("/Users", """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "mid-walk@example.com",
                 "name": {"familyName": "Walk"}}""").expect(201);
        JsonNode next = bridge.get("/Users?startIndex=201&count=100" + SLIM).expect(200);
        assertEquals(100, next.get("Resources").size());
        assertEquals(USERS + 1, next.get("totalResults").intValue());
    }

    @Test
    void aDeepPageOutsideAWalkSkipsToItsStartAndTheNextPageContinuesFromThere() {
        List<String> walked = new ArrayList<>();
        for (int startIndex = 1; startIndex <= USERS; startIndex += 200) {
            bridge.get("/Users?startIndex=" + startIndex + "&count=200" + SLIM).expect(200)
                    .get("Resources").forEach(user -> walked.add(user.get("id").asText()));
        }
        JsonNode deep = bridge.get("/Users?startIndex=4501&count=10" + SLIM).expect(200);
        assertEquals(USERS, deep.get("totalResults").intValue());
        assertEquals(walked.subList(4500, 4510), ScimIds.of(deep), "the same order as the walk's");
        bridge.traffic().record();
        JsonNode next = bridge.get("/Users?startIndex=4511&count=10" + SLIM).expect(200);
        assertEquals(walked.subList(4510, 4520), ScimIds.of(next));
        assertTrue(bridge.traffic().entriesReturned() <= 10, "the next page continues the deep page's search");
    }

    @Test
    void countZeroGivesOnlyTheTotalAndAStartIndexPastTheEndAnEmptyPage() {
        JsonNode counted = bridge.get("/Users?count=0").expect(200);
        bridge.traffic().record();
        assertEquals(USERS, bridge.get("/Users?count=0").expect(200).get("totalResults").intValue());
        assertEquals(0, bridge.traffic().entriesReturned(), "a count is walked once, then kept");
        assertEquals(USERS, counted.get("totalResults").intValue());
        assertEquals(0, counted.get("itemsPerPage").intValue());
        assertEquals(0, counted.get("Resources").size());

        JsonNode past = bridge.get("/Users?startIndex=" + (USERS + 1) + "&count=10").expect(200);
        assertEquals(USERS, past.get("totalResults").intValue());
        assertEquals(0, past.get("Resources").size());
        assertEquals(0, bridge.get("/Users?startIndex=99999999&count=10").expect(200).get("Resources").size());
    }

    @Test
    void sortByOrdersAscendingAndDescendingAcrossPages() {
        List<String> ascending = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 600; startIndex += 200) {
            bridge.get("/Users?sortBy=name.familyName&count=200&startIndex=" + startIndex + SLIM).expect(200)
                    .get("Resources").forEach(user -> ascending.add(user.at("/name/familyName").asText()));
        }
        assertSorted(ascending, false);
        List<String> descending = new ArrayList<>();
        bridge.get("/Users?sortBy=name.familyName&sortOrder=DESCENDING&count=200" + SLIM).expect(200)
                .get("Resources").forEach(user -> descending.add(user.at("/name/familyName").asText()));
        assertSorted(descending, true);
        assertFalse(ascending.get(0).equalsIgnoreCase(descending.get(0)));
    }

    @Test
    void aCursorWalkCanBeSorted() {
        List<String> names = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = bridge.get("/Users?sortBy=userName&sortOrder=descending&count=200&filter="
                    + encode("userName sw \"extra-00\"") + "&cursor=" + cursor).expect(200);
            page.get("Resources").forEach(user -> names.add(user.get("userName").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        }
        assertEquals(100, names.size());
        assertSorted(names, true);
    }

    @Test
    void sortingByAMultiValuedAttributeUsesItsPrimaryValue() {
        List<String> mails = new ArrayList<>();
        bridge.get("/Users?sortBy=emails&count=50&filter=" + encode("emails pr") + SLIM).expect(200)
                .get("Resources").forEach(user -> mails.add(user.at("/emails/0/value").asText()));
        assertEquals(50, mails.size());
        assertSorted(mails, false);
    }

    @Test
    void sortingByWhatCannotBeSortedIsAClearError() {
        bridge.get("/Users?sortBy=nickName").expectError(400, "invalidPath");
        bridge.get("/Users?sortBy=emails%5Btype%20eq%20%22work%22%5D").expectError(400, "invalidPath");
        bridge.get("/Users?sortBy=groups").expectError(400, "invalidValue");
        bridge.get("/Users?sortBy=active").expectError(400, "invalidValue");
        bridge.get("/Users?sortBy=userName&sortOrder=sideways").expectError(400, "invalidValue");
    }

    @Test
    void anUnknownUsedOrExpiredCursorIsAnError() {
        bridge.get("/Users?count=10&cursor=bm90LWEtY3Vyc29y").expectError(400, "invalidCursor");
        String next = bridge.get("/Users?count=10&cursor=").expect(200).get("nextCursor").asText();
        bridge.get("/Users?count=10&cursor=" + next).expect(200);
        bridge.get("/Users?count=10&cursor=" + next).expectError(400, "invalidCursor");

        String oldest = bridge.get("/Users?count=10&cursor=").expect(200).get("nextCursor").asText();
        for (int i = 0; i < org.ldapscim.bridge.service.ResourceService.MAX_OPEN_CURSORS; i++) {
            bridge.get("/Users?count=10&cursor=").expect(200);
        }
        bridge.get("/Users?count=10&cursor=" + oldest).expectError(400, "expiredCursor");
        bridge.get("/Users?count=10&startIndex=5&cursor=").expectError(400, "invalidValue");
    }

    @Test
    void aCursorIsForTheQueryThatOpenedIt() {
        String next = bridge.get("/Users?count=10&cursor=").expect(200).get("nextCursor").asText();
        bridge.get("/Users?count=10&sortBy=userName&cursor=" + next).expectError(400, "invalidCursor");
        assertNull(bridge.get("/Users?count=10&cursor=" + next).expect(200).get("startIndex"));
    }

    private static void assertSorted(List<String> values, boolean descending) {
        for (int i = 1; i < values.size(); i++) {
            int order = String.CASE_INSENSITIVE_ORDER.compare(values.get(i - 1), values.get(i));
            assertTrue(descending ? order >= 0 : order <= 0,
                    values.get(i - 1) + " before " + values.get(i) + (descending ? " descending" : " ascending"));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The ids of a ListResponse's resources. */
    private static final class ScimIds {
        static List<String> of(JsonNode list) {
            List<String> ids = new ArrayList<>();
            list.get("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
            return ids;
        }
    }
}
