package org.ldapscim.bridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ldapscim.bridge.e2e.BulkIT.bulk;
import static org.ldapscim.bridge.e2e.BulkIT.postUser;
import static org.ldapscim.bridge.e2e.UserLifecycleIT.patch;
import static org.ldapscim.bridge.testsupport.BridgeUnderTest.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ldapscim.bridge.config.LimitsConfig;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.testsupport.BridgeUnderTest;

/** Each configured request limit, just under and just over, on a bridge configured with small ones. */
class LimitsIT {
    private static final String LIMITS = "urn:ldap-scim-bridge:params:scim:schemas:extension:limits:1.0";
    private static final int MAX_RESULTS = 5;
    private static final int FILTER_LENGTH = 64;
    private static final int DEPTH = 3;
    private static final int CLAUSES = 4;
    private static final int PATH_LENGTH = 24;
    private static final int BULK_OPERATIONS = 3;
    private static final int BULK_BYTES = 2048;

    @RegisterExtension
    static final BridgeUnderTest bridge = new BridgeUnderTest(new ServerConfig("127.0.0.1", 0, null, MAX_RESULTS, null,
            new LimitsConfig(FILTER_LENGTH, DEPTH, CLAUSES, PATH_LENGTH, BULK_OPERATIONS, (long) BULK_BYTES)));

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The filter on the three ways a filter arrives: GET /Users, POST /Users/.search and POST /.search. */
    private static void assertFilter(String filter, boolean accepted) {
        String body = "{\"filter\": \"" + filter.replace("\"", "\\\"") + "\"}";
        for (var response : List.of(bridge.get("/Users?filter=" + encoded(filter)), bridge.post("/Users/.search", body),
                bridge.post("/.search", body))) {
            if (accepted) {
                response.expect(200);
            } else {
                response.expectError(400, "invalidFilter");
            }
        }
    }

    @Test
    void serviceProviderConfigAdvertisesTheConfiguredLimits() {
        JsonNode config = bridge.get("/ServiceProviderConfig").expect(200);
        assertEquals(MAX_RESULTS, config.at("/filter/maxResults").intValue());
        assertEquals(BULK_OPERATIONS, config.at("/bulk/maxOperations").intValue());
        assertEquals(BULK_BYTES, config.at("/bulk/maxPayloadSize").intValue());
        JsonNode limits = config.get(LIMITS);
        assertEquals(FILTER_LENGTH, limits.get("maxFilterLength").intValue());
        assertEquals(DEPTH, limits.get("maxFilterDepth").intValue());
        assertEquals(CLAUSES, limits.get("maxFilterClauses").intValue());
        assertEquals(PATH_LENGTH, limits.get("maxPathLength").intValue());
    }

    @Test
    void aFilterOfTheMaximumLengthIsAnsweredAndOneCharacterMoreIsInvalidFilter() {
        String fits = "userName eq \"" + "a".repeat(FILTER_LENGTH - 14) + "\"";
        assertEquals(FILTER_LENGTH, fits.length());
        assertFilter(fits, true);
        assertFilter(fits.replace("\"a", "\"aa"), false);
    }

    @Test
    void aFilterNestedToTheMaximumDepthIsAnsweredAndOneLevelMoreIsInvalidFilter() {
        assertFilter("(((userName pr)))", true);
        assertFilter("((((userName pr))))", false);
        assertFilter("not (not (not (userName pr)))", true);
        assertFilter("not (not (not (not (userName pr))))", false);
    }

    @Test
    void aFilterWithTheMaximumClausesIsAnsweredAndOneMoreIsInvalidFilter() {
        assertFilter("title pr or title pr or title pr or title pr", true);
        assertFilter("title pr or title pr or title pr or title pr or title pr", false);
    }

    @Test
    void countIsCappedAtMaxResultsRatherThanRefused() {
        assertEquals(MAX_RESULTS, bridge.get("/Users?count=" + MAX_RESULTS).expect(200).get("itemsPerPage").intValue());
        JsonNode over = bridge.get("/Users?count=" + (MAX_RESULTS + 1)).expect(200);
        assertEquals(MAX_RESULTS, over.get("itemsPerPage").intValue());
        assertEquals(MAX_RESULTS, bridge.post("/.search", "{\"count\": 1000}").expect(200).get("itemsPerPage").intValue());
        assertEquals(MAX_RESULTS, bridge.get("/Groups").expect(200).get("itemsPerPage").intValue(),
                "without count a page holds maxResults");
    }

    @Test
    void attributePathsUpToTheMaximumLengthAreAcceptedAndLongerOnesAreInvalidPath() {
        String fits = "x".repeat(PATH_LENGTH);
        bridge.get("/Users?count=1&attributes=userName," + fits).expect(200);
        bridge.get("/Users?count=1&attributes=" + fits + "x").expectError(400, "invalidPath");
        bridge.get("/Groups?excludedAttributes=" + fits + "x").expectError(400, "invalidPath");
        bridge.post("/Users/.search", "{\"attributes\": [\"" + fits + "x\"]}").expectError(400, "invalidPath");
        bridge.post("/.search", "{\"excludedAttributes\": [\"" + fits + "x\"]}").expectError(400, "invalidPath");
        assertFilter(fits + " pr", false);
    }

    @Test
    void aPatchPathOverTheLimitIsInvalidPathAndChangesNothing() {
        String id = bridge.idOf(userDn("helena.marsh@example.com"));
        Map<DN, Entry> before = bridge.allEntries();
        bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "urn:ietf:params:scim:schemas:core:2.0:User:title", "value": "t"}"""))
                .expectError(400, "invalidPath");
        assertEquals(before, bridge.allEntries());
        bridge.patch("/Users/" + id, patch("""
                {"op": "replace", "path": "title", "value": "Limits Tester"}""")).expect(200);
    }

    @Test
    void theMaximumNumberOfBulkOperationsRunsAndOneMoreIs413TooManyWithNothingApplied() {
        bridge.post("/Bulk", bulk(null, postUser("a", "limit.a@example.com"), postUser("b", "limit.b@example.com"),
                postUser("c", "limit.c@example.com"))).expect(200);
        assertNotNull(bridge.entry(userDn("limit.c@example.com")));
        String id = bridge.idOf(userDn("limit.a@example.com"));
        String delete = "{\"method\": \"DELETE\", \"path\": \"/Users/" + id + "\"}";
        bridge.post("/Bulk", bulk(null, delete, delete, delete, delete)).expectError(413, "tooMany");
        assertNotNull(bridge.entry(userDn("limit.a@example.com")));
    }

    @Test
    void aBulkBodyOfTheMaximumSizeRunsAndOneByteMoreIs413WithNothingApplied() {
        String fits = padded("limit.fits@example.com", BULK_BYTES);
        assertEquals(BULK_BYTES, fits.getBytes(StandardCharsets.UTF_8).length);
        bridge.post("/Bulk", fits).expect(200);
        assertNotNull(bridge.entry(userDn("limit.fits@example.com")));

        String over = padded("limit.over@example.com", BULK_BYTES + 1);
        JsonNode error = bridge.post("/Bulk", over).expectError(413, null);
        assertTrue(error.get("detail").asText().contains("maxPayloadSize"), error.toString());
        assertNull(bridge.entry(userDn("limit.over@example.com")));
    }

    /** A one-POST bulk body of exactly {@code bytes} bytes, padded with spaces that JSON ignores. */
    private static String padded(String userName, int bytes) {
        String body = bulk(null, postUser("p", userName));
        return body.substring(0, body.length() - 1) + " ".repeat(bytes - body.length()) + "}";
    }
}
